package io.rowmq.jms.jndi;

import io.rowmq.jms.RowMQConnectionFactory;

import javax.naming.Context;
import javax.naming.Name;
import javax.naming.RefAddr;
import javax.naming.Reference;
import javax.naming.spi.ObjectFactory;
import java.util.Hashtable;

/** Rebuilds a {@link RowMQConnectionFactory} (or subclass) from the Reference it was bound with. */
public class RowMQObjectFactory implements ObjectFactory {
    public static final String BROKER_URL = "brokerURL";
    public static final String USER = "user";
    public static final String PASSWORD = "password";
    public static final String CLIENT_ID = "clientID";

    @Override
    public Object getObjectInstance(Object obj, Name name, Context nameCtx, Hashtable<?, ?> environment)
            throws Exception {
        if (!(obj instanceof Reference reference)) {
            return null;
        }
        Class<?> type = Class.forName(reference.getClassName(), true, RowMQObjectFactory.class.getClassLoader());
        if (!RowMQConnectionFactory.class.isAssignableFrom(type)) {
            return null;
        }
        RowMQConnectionFactory factory = (RowMQConnectionFactory) type.getDeclaredConstructor().newInstance();
        String url = value(reference, BROKER_URL);
        if (url != null) {
            factory.setBrokerURL(url);
        }
        factory.setUser(value(reference, USER));
        factory.setPassword(value(reference, PASSWORD));
        factory.setClientID(value(reference, CLIENT_ID));
        return factory;
    }

    private static String value(Reference reference, String type) {
        RefAddr address = reference.get(type);
        return address == null ? null : (String) address.getContent();
    }
}
