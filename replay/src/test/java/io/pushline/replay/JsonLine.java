package io.pushline.replay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal parser for the flat JSON objects {@code dump --json} writes: string keys; values are integers, strings or
 * arrays of strings. Anything else fails the parse, so the test also checks the output is well-formed.
 */
final class JsonLine
{
    private final String text;
    private int at;

    private JsonLine(final String text)
    {
        this.text = text;
    }

    static Map<String, Object> parse(final String line)
    {
        final JsonLine parser = new JsonLine(line);
        final Map<String, Object> object = parser.object();
        parser.skipSpace();
        if (parser.at != line.length())
        {
            throw parser.error("trailing characters");
        }
        return object;
    }

    private Map<String, Object> object()
    {
        final Map<String, Object> object = new LinkedHashMap<>();
        expect('{');
        skipSpace();
        if (peek() == '}')
        {
            at++;
            return object;
        }
        while (true)
        {
            skipSpace();
            final String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            if (object.put(key, value()) != null)
            {
                throw error("duplicate key " + key);
            }
            skipSpace();
            if (peek() == ',')
            {
                at++;
                continue;
            }
            expect('}');
            return object;
        }
    }

    private Object value()
    {
        final char c = peek();
        if (c == '"')
        {
            return string();
        }
        if (c == '[')
        {
            at++;
            final List<String> values = new ArrayList<>();
            skipSpace();
            if (peek() == ']')
            {
                at++;
                return values;
            }
            while (true)
            {
                skipSpace();
                values.add(string());
                skipSpace();
                if (peek() == ',')
                {
                    at++;
                    continue;
                }
                expect(']');
                return values;
            }
        }
        final int start = at;
        if (c == '-')
        {
            at++;
        }
        while (at < text.length() && Character.isDigit(text.charAt(at)))
        {
            at++;
        }
        if (at == start || (c == '-' && at == start + 1))
        {
            throw error("expected a value");
        }
        return Long.parseLong(text.substring(start, at));
    }

    private String string()
    {
        expect('"');
        final StringBuilder value = new StringBuilder();
        while (peek() != '"')
        {
            final char c = text.charAt(at++);
            if (c == '\\')
            {
                throw error("escapes are not expected in dump output");
            }
            value.append(c);
        }
        at++;
        return value.toString();
    }

    private void expect(final char c)
    {
        if (peek() != c)
        {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private char peek()
    {
        if (at >= text.length())
        {
            throw error("unexpected end");
        }
        return text.charAt(at);
    }

    private void skipSpace()
    {
        while (at < text.length() && Character.isWhitespace(text.charAt(at)))
        {
            at++;
        }
    }

    private IllegalArgumentException error(final String message)
    {
        return new IllegalArgumentException(message + " at " + at + " in: " + text);
    }
}
