package io.slipway.receiver;

import io.slipway.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an SSH command line into words the way a POSIX shell would for quotes and
 * backslashes (ssh sends the command as one string); there is no expansion of any kind.
 */
final class CommandLine {

    static final int MAX_LENGTH = 64 * 1024;

    private CommandLine() {
    }

    static List<String> split(String line) {
        if (line.length() > MAX_LENGTH) {
            throw new InvalidInputException("command line longer than " + MAX_LENGTH + " characters");
        }
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new InvalidInputException("unterminated " + quote + " quote in the command line");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
