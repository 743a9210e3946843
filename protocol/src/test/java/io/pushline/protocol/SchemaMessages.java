package io.pushline.protocol;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The messages of the schema, read from the schema file itself, so that tests iterate over whatever the schema
 * holds and a new message without tests fails them.
 */
final class SchemaMessages
{
    static final String SCHEMA_RESOURCE = "/pushline-schema.xml";
    static final String SBE_NAMESPACE = "http://fixprotocol.io/2016/sbe";
    static final String GENERATED_PACKAGE = "io.pushline.sbe.";

    private static final Schema SCHEMA = load();

    /**
     * One message of the schema.
     *
     * @param name       of the message, as in the schema.
     * @param templateId of the message.
     */
    record Message(String name, int templateId)
    {
        Class<?> encoderClass()
        {
            return generatedClass(name + "Encoder");
        }

        Class<?> decoderClass()
        {
            return generatedClass(name + "Decoder");
        }

        @Override
        public String toString()
        {
            return name + "(" + templateId + ")";
        }
    }

    private record Schema(int schemaId, int version, List<Message> messages)
    {
    }

    private SchemaMessages()
    {
    }

    static List<Message> all()
    {
        return SCHEMA.messages();
    }

    static int schemaId()
    {
        return SCHEMA.schemaId();
    }

    static int version()
    {
        return SCHEMA.version();
    }

    static Message byTemplateId(final int templateId)
    {
        for (final Message message : SCHEMA.messages())
        {
            if (message.templateId() == templateId)
            {
                return message;
            }
        }
        return null;
    }

    static int staticInt(final Class<?> type, final String name)
    {
        try
        {
            try
            {
                return type.getField(name).getInt(null);
            }
            catch (final NoSuchFieldException ignore)
            {
                return (Integer)type.getMethod(name).invoke(null);
            }
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new AssertionError(type.getSimpleName() + " has no static int " + name, ex);
        }
    }

    private static Class<?> generatedClass(final String simpleName)
    {
        try
        {
            return Class.forName(GENERATED_PACKAGE + simpleName);
        }
        catch (final ClassNotFoundException ex)
        {
            throw new AssertionError("no generated class " + simpleName, ex);
        }
    }

    private static Schema load()
    {
        try (InputStream in = SchemaMessages.class.getResourceAsStream(SCHEMA_RESOURCE))
        {
            if (null == in)
            {
                throw new AssertionError("schema not on the class path: " + SCHEMA_RESOURCE);
            }
            final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            final Document document = factory.newDocumentBuilder().parse(in);
            final Element root = document.getDocumentElement();

            final NodeList nodes = document.getElementsByTagNameNS(SBE_NAMESPACE, "message");
            final List<Message> messages = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++)
            {
                final Element element = (Element)nodes.item(i);
                messages.add(new Message(element.getAttribute("name"), Integer.parseInt(element.getAttribute("id"))));
            }

            return new Schema(
                Integer.parseInt(root.getAttribute("id")),
                Integer.parseInt(root.getAttribute("version")),
                Collections.unmodifiableList(messages));
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("cannot read " + SCHEMA_RESOURCE, ex);
        }
    }
}
