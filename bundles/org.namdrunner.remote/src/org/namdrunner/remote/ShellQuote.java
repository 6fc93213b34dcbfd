package org.namdrunner.remote;

import java.util.regex.Pattern;

/**
 * THE quoting helper of NAMDRunner: every argument that reaches a remote shell goes through
 * {@link #quote(String)} (usually via {@link CommandLine}). Nothing else in the code base may build a
 * command line from user text.
 *
 * <p>Rules (POSIX sh, also bash/dash/zsh/ksh; a csh-family login shell is not supported):
 * <ul>
 * <li>A string made only of characters that no POSIX shell treats specially
 * ({@code A-Z a-z 0-9 _ - + = . , / : @ %}) is emitted as is: nothing in that set expands, splits or
 * globs. (A leading {@code -} is not a shell matter; {@link CommandLine#endOfOptions()} adds {@code --}.)</li>
 * <li>Everything else is wrapped in single quotes. Inside single quotes a POSIX shell interprets nothing,
 * so the only character that needs care is the single quote itself, written as {@code '\''} (close quote,
 * escaped quote, reopen).</li>
 * <li>The empty string becomes {@code ''} so that it stays one (empty) argument.</li>
 * <li>NUL cannot be passed in a shell argument at all: it is refused with an exception instead of being
 * silently truncated.</li>
 * </ul>
 */
public final class ShellQuote {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_\\-+=.,/:@%]+");

    private ShellQuote() {
    }

    /** Quotes one argument for a POSIX shell. */
    public static String quote(String arg) {
        if (arg == null) {
            throw new IllegalArgumentException("A shell argument must not be null");
        }
        if (arg.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("A shell argument cannot contain a NUL character");
        }
        if (arg.isEmpty()) {
            return "''";
        }
        if (SAFE.matcher(arg).matches()) {
            return arg;
        }
        StringBuilder sb = new StringBuilder(arg.length() + 8);
        sb.append('\'');
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (c == '\'') {
                sb.append("'\\''");
            } else {
                sb.append(c);
            }
        }
        sb.append('\'');
        return sb.toString();
    }

    /** True if {@code s} would be emitted unquoted by {@link #quote(String)}. */
    public static boolean isSafeWord(String s) {
        return s != null && SAFE.matcher(s).matches();
    }
}
