package io.pushline.replay;

import java.io.InputStream;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import uk.co.real_logic.sbe.PrimitiveType;
import uk.co.real_logic.sbe.ir.Ir;
import uk.co.real_logic.sbe.ir.Signal;
import uk.co.real_logic.sbe.ir.Token;
import uk.co.real_logic.sbe.xml.IrGenerator;
import uk.co.real_logic.sbe.xml.MessageSchema;
import uk.co.real_logic.sbe.xml.ParserOptions;
import uk.co.real_logic.sbe.xml.XmlSchemaParser;

/**
 * Every message of the Pushline schema as a list of fields (name, offset, type, enum and set names), built at start
 * from the schema on the class path through SBE's own intermediate representation. Dump, stats and verify decode any
 * message with it, so a field added to the schema shows up in their output without a code change.
 */
public final class SchemaCatalog
{
    /** Resource name of the schema in the protocol jar. */
    public static final String SCHEMA_RESOURCE = "/pushline-schema.xml";

    private static final SchemaCatalog INSTANCE = load();

    private final Int2ObjectHashMap<MessageLayout> byTemplateId = new Int2ObjectHashMap<>();
    private final Map<String, MessageLayout> byName = new HashMap<>();
    private final ByteOrder byteOrder;

    /** How a field's bytes read. */
    public enum Kind
    {
        /** A signed or unsigned integer (or char) printed as a number. */
        NUMBER,
        /** One value of an SBE enum, printed as its name. */
        ENUM,
        /** An SBE set of choices, printed as the list of chosen names. */
        SET,
        /** A fixed-length array of bytes, printed as hex. */
        BYTES
    }

    /**
     * One field of a message.
     *
     * @param name        field name in the schema.
     * @param offset      offset in the message body.
     * @param kind        how it reads.
     * @param type        primitive type of its encoding.
     * @param arrayLength elements of a BYTES field, else 1.
     * @param names       enum value (or set bit) to name, for ENUM and SET.
     */
    public record FieldLayout(
        String name, int offset, Kind kind, PrimitiveType type, int arrayLength, Map<Long, String> names)
    {
    }

    /**
     * One message of the schema.
     *
     * @param templateId         template id.
     * @param name               message name.
     * @param blockLength        length of its body.
     * @param fields             its fields in schema order.
     * @param instrumentIdOffset body offset of its {@code instrumentId} field, or -1 when it has none.
     */
    public record MessageLayout(
        int templateId, String name, int blockLength, List<FieldLayout> fields, int instrumentIdOffset)
    {
    }

    private SchemaCatalog(final Ir ir)
    {
        byteOrder = ir.byteOrder();
        for (final List<Token> tokens : ir.messages())
        {
            final MessageLayout layout = layout(tokens);
            byTemplateId.put(layout.templateId(), layout);
            byName.put(layout.name(), layout);
        }
    }

    /**
     * @return the catalog of the schema on the class path.
     */
    public static SchemaCatalog instance()
    {
        return INSTANCE;
    }

    private static SchemaCatalog load()
    {
        try (InputStream in = SchemaCatalog.class.getResourceAsStream(SCHEMA_RESOURCE))
        {
            if (in == null)
            {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is not on the class path (protocol jar missing?)");
            }
            final MessageSchema schema = XmlSchemaParser.parse(in, ParserOptions.DEFAULT);
            return new SchemaCatalog(new IrGenerator().generate(schema));
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("cannot read the schema " + SCHEMA_RESOURCE + ": " + ex, ex);
        }
    }

    /**
     * @param templateId template id.
     * @return its layout, or null for an unknown template.
     */
    public MessageLayout layout(final int templateId)
    {
        return byTemplateId.get(templateId);
    }

    /**
     * @param name message name as in the schema, e.g. {@code NewOrder}.
     * @return its layout, or null.
     */
    public MessageLayout layout(final String name)
    {
        return byName.get(name);
    }

    /**
     * @return every message name, sorted.
     */
    public List<String> names()
    {
        final List<String> names = new ArrayList<>(byName.keySet());
        Collections.sort(names);
        return names;
    }

    /**
     * The numeric value of a NUMBER, ENUM or SET field (unsigned types are not sign-extended).
     *
     * @param field      the field.
     * @param buffer     holding the message.
     * @param bodyOffset offset of the message body (after the header).
     * @return the value.
     */
    public long longValue(final FieldLayout field, final DirectBuffer buffer, final int bodyOffset)
    {
        final int at = bodyOffset + field.offset();
        switch (field.type())
        {
            case CHAR:
            case INT8:
                return buffer.getByte(at);
            case UINT8:
                return buffer.getByte(at) & 0xFFL;
            case INT16:
                return buffer.getShort(at, byteOrder);
            case UINT16:
                return buffer.getShort(at, byteOrder) & 0xFFFFL;
            case INT32:
                return buffer.getInt(at, byteOrder);
            case UINT32:
                return buffer.getInt(at, byteOrder) & 0xFFFF_FFFFL;
            case INT64:
            case UINT64:
                return buffer.getLong(at, byteOrder);
            default:
                throw new IllegalStateException("unsupported type " + field.type() + " of field " + field.name());
        }
    }

    private static MessageLayout layout(final List<Token> tokens)
    {
        final Token message = tokens.get(0);
        final List<FieldLayout> fields = new ArrayList<>();
        int instrumentIdOffset = -1;
        for (int i = 1; i < tokens.size(); i++)
        {
            final Token token = tokens.get(i);
            if (token.signal() != Signal.BEGIN_FIELD)
            {
                continue;
            }
            final Token type = tokens.get(i + 1);
            final FieldLayout field = field(token.name(), type, tokens.subList(i + 1, i + token.componentTokenCount()));
            fields.add(field);
            if ("instrumentId".equals(field.name()))
            {
                instrumentIdOffset = field.offset();
            }
            i += token.componentTokenCount() - 1;
        }
        return new MessageLayout(message.id(), message.name(), message.encodedLength(), List.copyOf(fields),
            instrumentIdOffset);
    }

    private static FieldLayout field(final String name, final Token type, final List<Token> typeTokens)
    {
        switch (type.signal())
        {
            case BEGIN_ENUM:
            case BEGIN_SET:
            {
                final Map<Long, String> names = new HashMap<>();
                for (final Token value : typeTokens)
                {
                    if (value.signal() == Signal.VALID_VALUE || value.signal() == Signal.CHOICE)
                    {
                        names.put(value.encoding().constValue().longValue(), value.name());
                    }
                }
                return new FieldLayout(name, type.offset(), type.signal() == Signal.BEGIN_ENUM ? Kind.ENUM : Kind.SET,
                    type.encoding().primitiveType(), 1, Map.copyOf(names));
            }
            case ENCODING:
                return new FieldLayout(name, type.offset(), type.arrayLength() > 1 ? Kind.BYTES : Kind.NUMBER,
                    type.encoding().primitiveType(), type.arrayLength(), Map.of());
            default:
                throw new IllegalStateException("field " + name + ": unsupported signal " + type.signal());
        }
    }
}
