package io.schemabot.plan;

import io.schemabot.schema.View;

import java.util.ArrayList;
import java.util.List;

/** Orders views so that each comes after the views its definition names. */
final class Views {
    private Views() {
    }

    static List<View> inDependencyOrder(List<View> views) {
        List<View> pending = new ArrayList<>(views);
        List<View> ordered = new ArrayList<>();
        while (!pending.isEmpty()) {
            View next = pending.stream()
                    .filter(v -> pending.stream().noneMatch(o -> o != v
                            && Dependents.mentions(v.definition(), o.qualifiedName())))
                    .findFirst().orElse(pending.get(0)); // a cycle cannot exist; keep going regardless
            ordered.add(next);
            pending.remove(next);
        }
        return ordered;
    }
}
