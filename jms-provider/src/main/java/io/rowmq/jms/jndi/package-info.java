/**
 * JNDI for Java SE clients: an InitialContextFactory that builds connection factories, queues
 * and topics from a {@code jndi.properties} file (the Artemis and Qpid JMS convention), and the
 * ObjectFactory that rebuilds a bound connection factory from its Reference.
 */
package io.rowmq.jms.jndi;
