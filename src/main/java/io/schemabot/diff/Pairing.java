package io.schemabot.diff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Pairs the objects of two sides. By name first; then objects whose names PostgreSQL generated are paired by
 * definition, so that {@code t_a_fkey} and {@code t_a_fkey1} holding the same key count as the same object.
 */
final class Pairing<T> {
    record Pair<T>(T from, T to) {
    }

    final List<Pair<T>> same = new ArrayList<>();
    final List<Pair<T>> changed = new ArrayList<>();
    final List<T> added = new ArrayList<>();
    final List<T> dropped = new ArrayList<>();

    Pairing(List<T> from, List<T> to, Function<T, String> name, Function<T, String> definition,
            Predicate<T> generatedName) {
        List<T> left = new ArrayList<>(from);
        List<T> right = new ArrayList<>(to);
        // 1. same name, same definition
        pairOff(left, right, name, (a, b) -> Objects.equals(definition.apply(a), definition.apply(b)), same);
        // 2. both names generated, same definition: only the generated name differs
        List<T> generatedLeft = new ArrayList<>(left.stream().filter(generatedName).toList());
        List<T> generatedRight = new ArrayList<>(right.stream().filter(generatedName).toList());
        left.removeAll(generatedLeft);
        right.removeAll(generatedRight);
        pairOff(generatedLeft, generatedRight, definition, (a, b) -> true, same);
        left.addAll(generatedLeft);
        right.addAll(generatedRight);
        // 3. same name, different definition
        pairOff(left, right, name, (a, b) -> true, changed);
        dropped.addAll(left);
        added.addAll(right);
    }

    /** Pairs elements with equal keys that also satisfy {@code alsoMatch}; paired ones leave both lists. */
    private static <T> void pairOff(List<T> left, List<T> right, Function<T, String> key, BiPredicate<T, T> alsoMatch,
                                    List<Pair<T>> into) {
        Map<String, List<T>> byKey = new HashMap<>();
        for (T b : right) {
            byKey.computeIfAbsent(key.apply(b), k -> new ArrayList<>()).add(b);
        }
        Set<T> pairedRight = Collections.newSetFromMap(new IdentityHashMap<>());
        List<T> unpairedLeft = new ArrayList<>();
        for (T a : left) {
            List<T> candidates = byKey.getOrDefault(key.apply(a), List.of());
            T match = candidates.stream().filter(b -> alsoMatch.test(a, b)).findFirst().orElse(null);
            if (match == null) {
                unpairedLeft.add(a);
            } else {
                candidates.remove(match);
                pairedRight.add(match);
                into.add(new Pair<>(a, match));
            }
        }
        left.clear();
        left.addAll(unpairedLeft);
        right.removeIf(pairedRight::contains);
    }
}
