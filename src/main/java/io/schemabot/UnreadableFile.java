package io.schemabot;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** Why a file could not be read, in words a person can act on ("permission denied", not an exception name). */
public final class UnreadableFile {
    private UnreadableFile() {
    }

    /** The reason for a failed read of {@code file}; the exception's own message names only the path. */
    public static String reason(Path file, IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return Files.isSymbolicLink(file) ? "not found (a symbolic link to nothing)" : "not found";
        }
        if (e instanceof FileSystemLoopException) {
            return "a loop of symbolic links";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (Files.isDirectory(file)) {
            return "a directory, not a file";
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.startsWith(file.toString() + ": ") ? message.substring(file.toString().length() + 2) : message;
    }
}
