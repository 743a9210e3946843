package io.pushline.client;

import io.pushline.sbe.OrdType;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One command of the client CLI, parsed from a CSV line or a JSON line (format in docs/client.md):
 * <pre>
 * new,clOrdId,instrumentId,BUY|SELL,price,quantity[,LIMIT|MARKET[,DAY|GTC|IOC|FOK|GTD[,expireTimeNs[,postOnly]]]]
 * cancel,clOrdId,origClOrdId
 * replace,clOrdId,origClOrdId,price,quantity
 * masscancel,clOrdId[,instrumentId]
 * sleep,milliseconds
 * logout
 * {"action":"new","clOrdId":1,"instrumentId":1,"side":"BUY","price":1000000,"quantity":10}
 * </pre>
 * Prices are in price units (4 implied decimals: 1000000 = 100.00); a price with a decimal point ({@code 100.00})
 * is converted. Blank lines, {@code #} comments and a CSV header starting with {@code action} give null.
 *
 * @param action       new, cancel, replace, masscancel, sleep or logout.
 * @param clOrdId      client order id of the request.
 * @param origClOrdId  order to cancel or replace.
 * @param instrumentId instrument (masscancel: 0 for all).
 * @param side         of a new order.
 * @param ordType      of a new order.
 * @param timeInForce  of a new order.
 * @param price        price units.
 * @param quantity     quantity.
 * @param expireTimeNs GTD expiry.
 * @param postOnly     post-only flag.
 * @param sleepMs      for sleep.
 */
public record OrderLine(
    String action,
    long clOrdId,
    long origClOrdId,
    int instrumentId,
    Side side,
    OrdType ordType,
    TimeInForce timeInForce,
    long price,
    long quantity,
    long expireTimeNs,
    boolean postOnly,
    long sleepMs)
{
    private static final BigDecimal PRICE_SCALE = BigDecimal.valueOf(10_000);

    /**
     * Parse one line, CSV or JSON (a line starting with '{').
     *
     * @param text the line.
     * @return the command, or null for a blank, comment or header line.
     * @throws IllegalArgumentException saying what is wrong.
     */
    public static OrderLine parse(final String text)
    {
        final String line = text.strip();
        if (line.isEmpty() || line.startsWith("#") || line.toLowerCase(Locale.ROOT).startsWith("action"))
        {
            return null;
        }
        return line.startsWith("{") ? fromMap(parseJson(line)) : fromCsv(line.split(",", -1));
    }

    /**
     * Send the command with a client (sleep and logout are the caller's).
     *
     * @param client to send with.
     */
    public void sendWith(final PushlineClient client)
    {
        switch (action)
        {
            case "new" -> client.newOrder(
                clOrdId, instrumentId, side, ordType, timeInForce, price, quantity, expireTimeNs, postOnly);
            case "cancel" -> client.cancel(clOrdId, origClOrdId);
            case "replace" -> client.replace(clOrdId, origClOrdId, price, quantity);
            case "masscancel" -> client.massCancel(clOrdId, instrumentId);
            case "logout" -> client.logout();
            default ->
            {
            }
        }
    }

    private static OrderLine fromCsv(final String[] f)
    {
        final String action = f[0].strip().toLowerCase(Locale.ROOT);
        switch (action)
        {
            case "new":
                need(f, 6, "new,clOrdId,instrumentId,side,price,quantity[,ordType[,timeInForce[,expireTimeNs" +
                    "[,postOnly]]]]");
                return new OrderLine(action, num(f[1]), 0, (int)num(f[2]), side(f[3]),
                    f.length > 6 ? ordType(f[6]) : OrdType.LIMIT, f.length > 7 ? tif(f[7]) : TimeInForce.DAY,
                    price(f[4]), num(f[5]), f.length > 8 ? num(f[8]) : 0,
                    f.length > 9 && Boolean.parseBoolean(f[9].strip()), 0);
            case "cancel":
                need(f, 3, "cancel,clOrdId,origClOrdId");
                return new OrderLine(action, num(f[1]), num(f[2]), 0, null, null, null, 0, 0, 0, false, 0);
            case "replace":
                need(f, 5, "replace,clOrdId,origClOrdId,price,quantity");
                return new OrderLine(action, num(f[1]), num(f[2]), 0, null, null, null, price(f[3]), num(f[4]), 0,
                    false, 0);
            case "masscancel":
                need(f, 2, "masscancel,clOrdId[,instrumentId]");
                return new OrderLine(action, num(f[1]), 0, f.length > 2 ? (int)num(f[2]) : 0, null, null, null, 0,
                    0, 0, false, 0);
            case "sleep":
                need(f, 2, "sleep,milliseconds");
                return new OrderLine(action, 0, 0, 0, null, null, null, 0, 0, 0, false, num(f[1]));
            case "logout":
                return new OrderLine(action, 0, 0, 0, null, null, null, 0, 0, 0, false, 0);
            default:
                throw new IllegalArgumentException(
                    "unknown action '" + f[0] + "' (new, cancel, replace, masscancel, sleep, logout)");
        }
    }

    private static OrderLine fromMap(final Map<String, String> m)
    {
        final String action = m.getOrDefault("action", "").toLowerCase(Locale.ROOT);
        final String[] csv = switch (action)
        {
            case "new" -> new String[]{action, req(m, "clOrdId"), req(m, "instrumentId"), req(m, "side"),
                m.getOrDefault("price", "0"), req(m, "quantity"), m.getOrDefault("ordType", "LIMIT"),
                m.getOrDefault("timeInForce", "DAY"), m.getOrDefault("expireTimeNs", "0"),
                m.getOrDefault("postOnly", "false")};
            case "cancel" -> new String[]{action, req(m, "clOrdId"), req(m, "origClOrdId")};
            case "replace" -> new String[]{action, req(m, "clOrdId"), req(m, "origClOrdId"), req(m, "price"),
                req(m, "quantity")};
            case "masscancel" -> new String[]{action, req(m, "clOrdId"), m.getOrDefault("instrumentId", "0")};
            case "sleep" -> new String[]{action, req(m, "ms")};
            default -> new String[]{action};
        };
        return fromCsv(csv);
    }

    /**
     * A flat JSON object of strings, numbers and booleans; values come back as their text.
     */
    static Map<String, String> parseJson(final String json)
    {
        final Map<String, String> map = new LinkedHashMap<>();
        final String body = json.strip();
        if (!body.startsWith("{") || !body.endsWith("}"))
        {
            throw new IllegalArgumentException("not a JSON object: " + json);
        }
        int i = 1;
        final int end = body.length() - 1;
        while (i < end)
        {
            i = skipSpace(body, i);
            if (i >= end)
            {
                break;
            }
            if (body.charAt(i) != '"')
            {
                throw new IllegalArgumentException("expected a quoted key at " + i + " in " + json);
            }
            final int keyEnd = body.indexOf('"', i + 1);
            if (keyEnd < 0)
            {
                throw new IllegalArgumentException("unterminated key in " + json);
            }
            final String key = body.substring(i + 1, keyEnd);
            i = skipSpace(body, keyEnd + 1);
            if (i >= end || body.charAt(i) != ':')
            {
                throw new IllegalArgumentException("expected ':' after \"" + key + "\" in " + json);
            }
            i = skipSpace(body, i + 1);
            final String value;
            if (i < end && body.charAt(i) == '"')
            {
                final int valueEnd = body.indexOf('"', i + 1);
                if (valueEnd < 0)
                {
                    throw new IllegalArgumentException("unterminated string in " + json);
                }
                value = body.substring(i + 1, valueEnd);
                i = valueEnd + 1;
            }
            else
            {
                int valueEnd = i;
                while (valueEnd < end && body.charAt(valueEnd) != ',')
                {
                    valueEnd++;
                }
                value = body.substring(i, valueEnd).strip();
                i = valueEnd;
            }
            map.put(key, value);
            i = skipSpace(body, i);
            if (i < end && body.charAt(i) == ',')
            {
                i++;
            }
        }
        return map;
    }

    private static int skipSpace(final String s, final int from)
    {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i)))
        {
            i++;
        }
        return i;
    }

    private static String req(final Map<String, String> m, final String key)
    {
        final String value = m.get(key);
        if (null == value)
        {
            throw new IllegalArgumentException("missing \"" + key + "\"");
        }
        return value;
    }

    private static void need(final String[] f, final int count, final String usage)
    {
        if (f.length < count)
        {
            throw new IllegalArgumentException("expected " + usage);
        }
    }

    private static long num(final String text)
    {
        try
        {
            return Long.parseLong(text.strip());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("not an integer: '" + text.strip() + "'");
        }
    }

    private static long price(final String text)
    {
        final String value = text.strip();
        if (!value.contains("."))
        {
            return num(value);
        }
        try
        {
            return new BigDecimal(value).multiply(PRICE_SCALE).longValueExact();
        }
        catch (final ArithmeticException | NumberFormatException ex)
        {
            throw new IllegalArgumentException("not a price with at most 4 decimals: '" + value + "'");
        }
    }

    private static Side side(final String text)
    {
        return Side.valueOf(upper(text, "side (BUY or SELL)"));
    }

    private static OrdType ordType(final String text)
    {
        return OrdType.valueOf(upper(text, "ordType (LIMIT or MARKET)"));
    }

    private static TimeInForce tif(final String text)
    {
        return TimeInForce.valueOf(upper(text, "timeInForce (DAY, GTC, IOC, FOK or GTD)"));
    }

    private static String upper(final String text, final String what)
    {
        final String value = text.strip().toUpperCase(Locale.ROOT);
        if (value.isEmpty() || value.equals("SBE_UNKNOWN") || value.equals("NULL_VAL"))
        {
            throw new IllegalArgumentException("bad " + what + ": '" + text + "'");
        }
        return value;
    }
}
