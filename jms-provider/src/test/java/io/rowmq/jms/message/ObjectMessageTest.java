package io.rowmq.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.ObjectMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjectMessageTest {

    /** A class outside the default allow-list. */
    record Order(String id, int quantity) implements Serializable {
    }

    /** Serializable only in name: holds a field that is not. */
    static final class Unserializable implements Serializable {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("unused")
        private final Object notSerializable = new Object();
    }

    /** An interface for proxies outside the default allow-list. */
    public interface Greeter {
        String greet();
    }

    /** A serializable invocation handler in java.lang's sense only by its interfaces. */
    record Handler(String text) implements InvocationHandler, Serializable {
        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) {
            return text;
        }
    }

    @AfterEach
    void restoreDefaults() {
        System.clearProperty(ObjectMessagePolicy.ALLOW_LIST_PROPERTY);
        System.clearProperty(ObjectMessagePolicy.DENY_LIST_PROPERTY);
    }

    private static ObjectMessage roundTrip(Serializable object) throws JMSException {
        return (ObjectMessage) RowMQMessage.fromRecord(new RowMQObjectMessage(object).toRecord(), 1);
    }

    @Test
    void theObjectIsCopiedWhenSetAndEveryGetReturnsAFreshCopy() throws JMSException {
        StringBuffer buffer = new StringBuffer("This is");
        RowMQObjectMessage m = new RowMQObjectMessage();
        m.setObject(buffer);
        buffer.append(" changed");
        StringBuffer first = (StringBuffer) m.getObject();
        assertThat(first.toString()).isEqualTo("This is");
        first.append(" too");
        assertThat(m.getObject().toString()).isEqualTo("This is");
        assertThat(m.getObject()).isNotSameAs(m.getObject());
        assertThat(roundTrip(buffer).getObject().toString()).isEqualTo("This is changed");
    }

    @Test
    void jdkValueTypesAreAllowedByDefault() throws JMSException {
        Map<String, Object> map = new HashMap<>();
        map.put("amount", new BigDecimal("12.50"));
        map.put("when", Instant.ofEpochSecond(1_700_000_000L));
        map.put("list", new ArrayList<>(List.of(1, 2L, "three")));
        map.put("array", new String[] {"a", "b"});
        map.put("ints", new int[] {1, 2});
        map.put("date", new java.sql.Timestamp(0));
        HashMap<String, Object> body = new HashMap<>(map);
        Object back = roundTrip(body).getObject();
        assertThat(back).isInstanceOf(HashMap.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> backMap = (Map<String, Object>) back;
        assertThat(backMap.get("amount")).isEqualTo(new BigDecimal("12.50"));
        assertThat((String[]) backMap.get("array")).containsExactly("a", "b");
        assertThat(roundTrip(42).getObject()).isEqualTo(42);
        assertThat(roundTrip(null).getObject()).isNull();
    }

    @Test
    void aClassOutsideTheAllowListIsRefusedNamingTheClassAndTheProperty() throws JMSException {
        ObjectMessage m = roundTrip(new Order("o-1", 3));
        assertThatThrownBy(m::getObject).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining(Order.class.getName())
                .hasMessageContaining(ObjectMessagePolicy.ALLOW_LIST_PROPERTY)
                .hasMessageContaining("not on the allow-list");
        assertThatThrownBy(() -> m.getBody(Serializable.class)).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> m.isBodyAssignableTo(Order.class)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void aRefusedClassInsideAnAllowedOneIsRefusedToo() throws JMSException {
        HashMap<String, Object> map = new HashMap<>();
        map.put("order", new Order("o-2", 1));
        assertThatThrownBy(() -> roundTrip(map).getObject()).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining(Order.class.getName());
        assertThatThrownBy(() -> roundTrip(new Order[] {new Order("o-3", 1)}).getObject())
                .isInstanceOf(MessageFormatException.class).hasMessageContaining(Order.class.getName());
    }

    @Test
    void proxiesAreCheckedByTheirInterfaces() throws JMSException {
        Greeter proxy = (Greeter) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Greeter.class},
                new Handler("hello"));
        ObjectMessage m = roundTrip((Serializable) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Greeter.class, Serializable.class}, new Handler("hello")));
        assertThat(proxy.greet()).isEqualTo("hello");
        assertThatThrownBy(m::getObject).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining(Greeter.class.getName());
        System.setProperty(ObjectMessagePolicy.ALLOW_LIST_PROPERTY, "java,io.rowmq.jms.message");
        assertThat(((Greeter) m.getObject()).greet()).isEqualTo("hello");
    }

    @Test
    void addingThePackageOrTheClassOrStarAllowsIt() throws JMSException {
        ObjectMessage m = roundTrip(new Order("o-4", 2));
        System.setProperty(ObjectMessagePolicy.ALLOW_LIST_PROPERTY, "java.lang,io.rowmq.jms");
        assertThat(m.getObject()).isEqualTo(new Order("o-4", 2));
        System.setProperty(ObjectMessagePolicy.ALLOW_LIST_PROPERTY, "java.lang, " + ObjectMessageTest.class.getName());
        assertThat(m.getObject()).as("nested classes of an allowed class").isEqualTo(new Order("o-4", 2));
        System.setProperty(ObjectMessagePolicy.ALLOW_LIST_PROPERTY, "*");
        assertThat(m.getBody(Order.class)).isEqualTo(new Order("o-4", 2));
        assertThat(m.isBodyAssignableTo(Order.class)).isTrue();
    }

    @Test
    void theDenyListWinsOverTheAllowList() throws JMSException {
        System.setProperty(ObjectMessagePolicy.ALLOW_LIST_PROPERTY, "*");
        System.setProperty(ObjectMessagePolicy.DENY_LIST_PROPERTY, "io.rowmq");
        ObjectMessage m = roundTrip(new Order("o-5", 2));
        assertThatThrownBy(m::getObject).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("on the deny-list").hasMessageContaining(ObjectMessagePolicy.DENY_LIST_PROPERTY);
        assertThat(roundTrip("text").getObject()).isEqualTo("text");
        System.setProperty(ObjectMessagePolicy.DENY_LIST_PROPERTY, "*");
        assertThatThrownBy(() -> roundTrip(42).getObject()).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("java.lang.Integer");
        assertThat(roundTrip("text").getObject()).as("a String is written without a class descriptor").isEqualTo("text");
    }

    @Test
    void policyMatchesPackagesSubPackagesClassesAndArrays() {
        ObjectMessagePolicy defaults = ObjectMessagePolicy.of(ObjectMessagePolicy.DEFAULT_ALLOW_LIST, "");
        assertThat(defaults.isAllowed("java.lang.String")).isTrue();
        assertThat(defaults.isAllowed("java.util.concurrent.ConcurrentHashMap")).isTrue();
        assertThat(defaults.isAllowed("java.langx.Evil")).isFalse();
        assertThat(defaults.isAllowed("java.net.URL")).isFalse();
        assertThat(defaults.isAllowed("javax.management.BadAttributeValueExpException")).isFalse();
        assertThat(defaults.isAllowed("org.apache.commons.collections.functors.InvokerTransformer")).isFalse();
        assertThat(defaults.isAllowed("[Ljava.lang.String;")).isTrue();
        assertThat(defaults.isAllowed("[[Lcom.evil.Gadget;")).isFalse();
        assertThat(defaults.isAllowed("[I")).isTrue();
        assertThat(defaults.isAllowed("[[J")).isTrue();
        ObjectMessagePolicy classes = ObjectMessagePolicy.of("com.acme.Order", "com.acme.Order$Secret");
        assertThat(classes.isAllowed("com.acme.Order")).isTrue();
        assertThat(classes.isAllowed("com.acme.Order$Line")).isTrue();
        assertThat(classes.isAllowed("com.acme.Order$Secret")).isFalse();
        assertThat(classes.isAllowed("com.acme.OrderX")).isFalse();
        assertThat(classes.isAllowed("com.acme.Invoice")).isFalse();
        assertThat(ObjectMessagePolicy.of("", null).isAllowed("java.lang.String")).isFalse();
        assertThat(ObjectMessagePolicy.of(" * ", "").allowList()).containsExactly("*");
    }

    @Test
    void currentPolicyFollowsTheSystemProperties() {
        assertThat(ObjectMessagePolicy.current().allowList())
                .containsExactly("java.lang", "java.math", "java.time", "java.util", "java.sql");
        System.setProperty(ObjectMessagePolicy.ALLOW_LIST_PROPERTY, "a.b,c.D");
        System.setProperty(ObjectMessagePolicy.DENY_LIST_PROPERTY, "a.b.secret");
        assertThat(ObjectMessagePolicy.current().allowList()).containsExactly("a.b", "c.D");
        assertThat(ObjectMessagePolicy.current().denyList()).containsExactly("a.b.secret");
    }

    @Test
    void classesResolveThroughTheContextClassLoaderFirst() throws Exception {
        System.setProperty(ObjectMessagePolicy.ALLOW_LIST_PROPERTY, "*");
        ObjectMessage m = roundTrip(new Order("o-6", 1));
        List<String> requested = new ArrayList<>();
        ClassLoader recording = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                requested.add(name);
                return super.loadClass(name, resolve);
            }
        };
        assertThat(withContextLoader(recording, () -> get(m))).isEqualTo(new Order("o-6", 1));
        assertThat(requested).contains(Order.class.getName());
        ClassLoader seesOnlyTheJdk = new ClassLoader(null) {
        };
        assertThat(withContextLoader(seesOnlyTheJdk, () -> get(m))).as("falls back to the default resolution")
                .isEqualTo(new Order("o-6", 1));
    }

    private static Object get(ObjectMessage m) {
        try {
            return m.getObject();
        } catch (JMSException e) {
            throw new AssertionError(e);
        }
    }

    private static <T> T withContextLoader(ClassLoader loader, Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    void anObjectThatCannotBeSerializedIsAMessageFormatException() {
        RowMQObjectMessage m = new RowMQObjectMessage();
        assertThatThrownBy(() -> m.setObject(new Unserializable())).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining(Unserializable.class.getName()).hasCauseInstanceOf(java.io.NotSerializableException.class);
        assertThatThrownBy(() -> new RowMQObjectMessage(new Unserializable()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void corruptSerializedBytesAreAMessageFormatException() throws JMSException {
        RowMQObjectMessage m = new RowMQObjectMessage();
        m.decodeBody(new byte[] {1, 2, 3});
        assertThatThrownBy(m::getObject).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("cannot deserialize");
    }

    @Test
    void receivedBodyIsReadOnlyUntilClearBody() throws JMSException {
        ObjectMessage r = roundTrip("x");
        assertThatThrownBy(() -> r.setObject("y")).isInstanceOf(MessageNotWriteableException.class);
        assertThat(r.getObject()).isEqualTo("x");
        r.clearBody();
        assertThat(r.getObject()).isNull();
        r.setObject("y");
        assertThat(r.getObject()).isEqualTo("y");
    }
}
