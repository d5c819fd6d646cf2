package io.engram.store.internal;

import io.vavr.control.Try;
import java.util.regex.Pattern;

/**
 * Model names, aliases and references ({@code NAME}, {@code NAME@VERSION}, {@code NAME@ALIAS}).
 * Stateless and thread-safe.
 */
final class Names {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    /** A parsed reference: a name and a version, or an alias, or neither (the latest). */
    record Reference(String name, int version, String alias) {

        boolean latest() {
            return version == 0 && alias.isEmpty();
        }
    }

    private Names() {
    }

    /** Whether {@code name} is a valid model name. */
    static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }

    /** {@code name} when it is valid, else a failure saying what a name is. */
    static Try<String> name(String name) {
        return valid(name) ? Try.success(name) : Try.failure(new IllegalArgumentException("'" + name
                + "' is not a model name: 1 to 128 letters, digits, '.', '_' and '-', starting with a letter or digit"));
    }

    /** {@code alias} when it is valid, else a failure saying what an alias is. */
    static Try<String> alias(String alias) {
        return valid(alias) && !DIGITS.matcher(alias).matches() ? Try.success(alias)
                : Try.failure(new IllegalArgumentException("'" + alias + "' is not an alias: 1 to 128 letters, "
                        + "digits, '.', '_' and '-', starting with a letter or digit, and not all digits"));
    }

    /** Parses {@code NAME}, {@code NAME@VERSION} or {@code NAME@ALIAS}. */
    static Try<Reference> parse(String reference) {
        if (reference == null) {
            return Try.failure(new IllegalArgumentException("a model reference is required"));
        }
        int at = reference.indexOf('@');
        String name = at < 0 ? reference : reference.substring(0, at);
        String after = at < 0 ? "" : reference.substring(at + 1);
        return name(name).flatMap(n -> {
            if (at < 0) {
                return Try.success(new Reference(n, 0, ""));
            }
            if (DIGITS.matcher(after).matches() && after.length() <= 9 && Integer.parseInt(after) > 0) {
                return Try.success(new Reference(n, Integer.parseInt(after), ""));
            }
            return alias(after).map(a -> new Reference(n, 0, a)).recoverWith(e -> Try.failure(
                    new IllegalArgumentException("'" + reference + "': after '@' comes a version from 1 or an alias")));
        });
    }
}
