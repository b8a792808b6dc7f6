package io.schemabot;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The shape the code promises: no package cycles, and an engine that knows none of its faces. */
class PackageDependenciesTest {
    private static final Path SOURCES = Path.of("src/main/java/io/schemabot");
    private static final Pattern REFERENCE = Pattern.compile("io\\.schemabot\\.((?:[a-z]+\\.)*)[A-Z]");
    private static final Set<String> ENGINE = Set.of("schema", "diff", "plan", "migrate", "sql", "db", "execute");
    private static final Set<String> FACES = Set.of("chat", "slack", "web", "console", "cli", "ops", "demo", "store");

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        Map<String, Set<String>> deps = dependencies();
        List<String> cycles = new ArrayList<>();
        deps.forEach((from, targets) -> targets.stream().filter(to -> reaches(deps, to, from, new HashSet<>()))
                .forEach(to -> cycles.add(from + " -> " + to)));
        assertEquals(List.of(), cycles);
    }

    @Test
    void theEngineKnowsNoFace() {
        List<String> wrong = new ArrayList<>();
        dependencies().forEach((from, targets) -> {
            if (ENGINE.contains(from)) {
                targets.stream().filter(FACES::contains).forEach(to -> wrong.add(from + " -> " + to));
            }
        });
        assertEquals(List.of(), wrong);
    }

    private static boolean reaches(Map<String, Set<String>> deps, String from, String to, Set<String> seen) {
        for (String next : deps.getOrDefault(from, Set.of())) {
            if (next.equals(to) || seen.add(next) && reaches(deps, next, to, seen)) {
                return true;
            }
        }
        return false;
    }

    /** Package (relative to io.schemabot, "" for the top) to the packages its files name, imports or not. */
    private static Map<String, Set<String>> dependencies() {
        Map<String, Set<String>> deps = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                String pkg = SOURCES.relativize(f.getParent()).toString().replace('/', '.');
                Matcher m = REFERENCE.matcher(read(f));
                while (m.find()) {
                    String target = m.group(1).isEmpty() ? "" : m.group(1).substring(0, m.group(1).length() - 1);
                    if (!target.equals(pkg)) {
                        deps.computeIfAbsent(pkg, k -> new TreeSet<>()).add(target);
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return deps;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
