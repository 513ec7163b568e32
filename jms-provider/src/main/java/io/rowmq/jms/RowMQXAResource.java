package io.rowmq.jms;

import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.MessageRef;
import io.rowmq.protocol.TransactionAck;
import io.rowmq.protocol.TransactionWork;
import io.rowmq.protocol.TransactionXid;
import jakarta.jms.JMSException;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The XAResource of an XA session. Between start and end the session's sends are held and its
 * received messages stay unsettled; end takes them as the branch's work; prepare records the work
 * at the broker under the xid (durable, survives a broker restart, D16); commit and rollback end
 * it there. A one-phase commit sends the work as one TX_COMMIT.
 */
final class RowMQXAResource implements XAResource {
    private final RowMQSession session;
    private final Map<TransactionXid, TransactionWork> ended = new ConcurrentHashMap<>();
    private final Map<TransactionXid, Boolean> failed = new ConcurrentHashMap<>();
    private volatile TransactionXid active;

    RowMQXAResource(RowMQSession session) {
        this.session = session;
    }

    /** True while a branch is associated with the session: its work is held, not done at once. */
    boolean inBranch() {
        return active != null;
    }

    static TransactionXid toWire(Xid xid) throws XAException {
        if (xid == null) {
            throw error(XAException.XAER_INVAL, "The xid must not be null", null);
        }
        try {
            return new TransactionXid(xid.getFormatId(), xid.getGlobalTransactionId(), xid.getBranchQualifier());
        } catch (IllegalArgumentException e) {
            throw error(XAException.XAER_INVAL, e.getMessage(), e);
        }
    }

    @Override
    public synchronized void start(Xid xid, int flags) throws XAException {
        TransactionXid branch = toWire(xid);
        if (active != null) {
            throw error(XAException.XAER_PROTO, "The session is already associated with a transaction branch", null);
        }
        boolean rejoin = (flags & (TMJOIN | TMRESUME)) != 0;
        if (!rejoin && ended.containsKey(branch)) {
            throw error(XAException.XAER_DUPID, "Branch " + xid + " was already started on this resource", null);
        }
        if (rejoin && !ended.containsKey(branch)) {
            throw error(XAException.XAER_NOTA, "Branch " + xid + " is not known to this resource", null);
        }
        active = branch;
    }

    @Override
    public synchronized void end(Xid xid, int flags) throws XAException {
        TransactionXid branch = toWire(xid);
        if (!branch.equals(active)) {
            throw error(XAException.XAER_PROTO, "Branch " + xid + " is not the one associated with the session", null);
        }
        TransactionWork work;
        try {
            work = session.takeBranchWork();
        } catch (JMSException e) {
            throw error(XAException.XAER_RMERR, e.getMessage(), e);
        }
        ended.merge(branch, work, RowMQXAResource::combine);
        if ((flags & TMFAIL) != 0) {
            failed.put(branch, Boolean.TRUE);
        }
        active = null;
    }

    private static TransactionWork combine(TransactionWork a, TransactionWork b) {
        List<io.rowmq.protocol.TransactionSend> sends = new ArrayList<>(a.sends());
        sends.addAll(b.sends());
        List<TransactionAck> acks = new ArrayList<>(a.acks());
        acks.addAll(b.acks());
        return new TransactionWork(sends, acks);
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        TransactionXid branch = toWire(xid);
        TransactionWork work = ended.remove(branch);
        if (work == null) {
            throw error(XAException.XAER_NOTA, "Branch " + xid + " was not ended on this resource", null);
        }
        if (failed.remove(branch) != null) {
            giveBack(work);
            throw error(XAException.XA_RBROLLBACK, "Branch " + xid + " was ended with TMFAIL", null);
        }
        if (work.isEmpty()) {
            return XA_RDONLY;
        }
        await("Preparing " + xid, session.connection().transport().prepareTransaction(branch, work));
        return XA_OK;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        TransactionXid branch = toWire(xid);
        if (!onePhase) {
            await("Committing " + xid, session.connection().transport().endTransaction(branch, true));
            return;
        }
        TransactionWork work = ended.remove(branch);
        if (work == null) {
            throw error(XAException.XAER_NOTA, "Branch " + xid + " was not ended on this resource", null);
        }
        if (failed.remove(branch) != null) {
            giveBack(work);
            throw error(XAException.XA_RBROLLBACK, "Branch " + xid + " was ended with TMFAIL", null);
        }
        if (work.isEmpty()) {
            return;
        }
        try {
            await("Committing " + xid + " in one phase", session.connection().transport().commitTransaction(work));
        } catch (XAException e) {
            giveBack(work);
            throw e;
        }
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        TransactionXid branch = toWire(xid);
        failed.remove(branch);
        TransactionWork work = ended.remove(branch);
        if (work != null) {
            giveBack(work);
            return;
        }
        await("Rolling back " + xid, session.connection().transport().endTransaction(branch, false));
    }

    /** A branch that never reached the broker: its received messages go back for redelivery. */
    private void giveBack(TransactionWork work) throws XAException {
        Map<Long, List<MessageRef>> refs = new LinkedHashMap<>();
        for (TransactionAck ack : work.acks()) {
            refs.computeIfAbsent(ack.consumerId(), id -> new ArrayList<>()).addAll(ack.refs());
        }
        try {
            SessionAcks.release(session.connection(), refs, "XA branch rolled back", true);
        } catch (JMSException e) {
            throw error(XAException.XAER_RMFAIL, e.getMessage(), e);
        }
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
        if ((flag & TMSTARTRSCAN) == 0) {
            return new Xid[0];
        }
        List<TransactionXid> prepared;
        try {
            prepared = session.connection().transport().recoverTransactions().get();
        } catch (ExecutionException e) {
            throw translate("Recovering prepared branches", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw error(XAException.XAER_RMFAIL, "Interrupted while recovering", e);
        }
        return prepared.stream().map(RowMQXid::new).toArray(Xid[]::new);
    }

    @Override
    public void forget(Xid xid) throws XAException {
        toWire(xid);
    }

    @Override
    public boolean isSameRM(XAResource other) {
        return other instanceof RowMQXAResource resource
                && resource.session.connection().transport().brokerId()
                .equals(session.connection().transport().brokerId());
    }

    @Override
    public int getTransactionTimeout() {
        return 0;
    }

    @Override
    public boolean setTransactionTimeout(int seconds) {
        return false;
    }

    private static void await(String what, CompletableFuture<?> future) throws XAException {
        try {
            future.get();
        } catch (ExecutionException e) {
            throw translate(what, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw error(XAException.XAER_RMFAIL, what + " was interrupted", e);
        }
    }

    private static XAException translate(String what, Throwable cause) {
        int code = XAException.XAER_RMFAIL;
        if (cause instanceof BrokerError broker) {
            code = switch (broker.code()) {
                case UNKNOWN_TRANSACTION -> XAException.XAER_NOTA;
                case TRANSACTION_ROLLED_BACK -> XAException.XA_RBROLLBACK;
                case INVALID_REQUEST -> XAException.XAER_INVAL;
                default -> broker.code().retriable() ? XAException.XAER_RMFAIL : XAException.XAER_RMERR;
            };
        }
        return error(code, what + " failed: " + cause.getMessage(), cause);
    }

    private static XAException error(int code, String message, Throwable cause) {
        XAException error = new XAException(message);
        error.errorCode = code;
        if (cause != null) {
            error.initCause(cause);
        }
        return error;
    }

    /** A prepared branch's id as the transaction manager sees it. */
    record RowMQXid(int formatId, byte[] gtrid, byte[] bqual) implements Xid {
        RowMQXid(TransactionXid wire) {
            this(wire.formatId(), wire.gtrid(), wire.bqual());
        }

        @Override
        public int getFormatId() {
            return formatId;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return gtrid.clone();
        }

        @Override
        public byte[] getBranchQualifier() {
            return bqual.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Xid x && x.getFormatId() == formatId && Arrays.equals(x.getGlobalTransactionId(), gtrid)
                    && Arrays.equals(x.getBranchQualifier(), bqual);
        }

        @Override
        public int hashCode() {
            return formatId * 31 + Arrays.hashCode(gtrid) * 17 + Arrays.hashCode(bqual);
        }
    }
}
