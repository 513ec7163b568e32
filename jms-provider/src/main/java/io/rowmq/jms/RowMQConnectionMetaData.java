package io.rowmq.jms;

import jakarta.jms.ConnectionMetaData;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** What the provider is: Jakarta Messaging 3.1, RowMQ, and the JMSX properties it sets or honours. */
final class RowMQConnectionMetaData implements ConnectionMetaData {
    static final RowMQConnectionMetaData INSTANCE = new RowMQConnectionMetaData();
    private static final String VERSION = versionOf();

    private RowMQConnectionMetaData() {
    }

    private static String versionOf() {
        String version = RowMQConnectionMetaData.class.getPackage().getImplementationVersion();
        return version == null ? "0.1" : version;
    }

    @Override
    public String getJMSVersion() {
        return "3.1";
    }

    @Override
    public int getJMSMajorVersion() {
        return 3;
    }

    @Override
    public int getJMSMinorVersion() {
        return 1;
    }

    @Override
    public String getJMSProviderName() {
        return "RowMQ";
    }

    @Override
    public String getProviderVersion() {
        return VERSION;
    }

    @Override
    public int getProviderMajorVersion() {
        return majorMinor(0);
    }

    @Override
    public int getProviderMinorVersion() {
        return majorMinor(1);
    }

    private static int majorMinor(int index) {
        String[] parts = VERSION.split("[.-]");
        try {
            return parts.length > index ? Integer.parseInt(parts[index]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public Enumeration<String> getJMSXPropertyNames() {
        return Collections.enumeration(List.of("JMSXDeliveryCount", "JMSXGroupID", "JMSXGroupSeq"));
    }
}
