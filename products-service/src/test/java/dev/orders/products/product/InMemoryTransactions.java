package dev.orders.products.product;

import java.util.List;
import java.util.function.Supplier;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;

/** Runs the work at once; when it throws, puts the in-memory stores back as they were, as a rollback would. */
public final class InMemoryTransactions implements TransactionOperations {

    private final List<Supplier<Runnable>> snapshots;

    /** Each snapshot, taken as a transaction starts, returns what restores its store. */
    @SafeVarargs
    public InMemoryTransactions(Supplier<Runnable>... snapshots) {
        this.snapshots = List.of(snapshots);
    }

    @Override
    public <T> T execute(TransactionCallback<T> action) {
        List<Runnable> rollback = snapshots.stream().map(Supplier::get).toList();
        try {
            return action.doInTransaction(new SimpleTransactionStatus());
        } catch (RuntimeException | Error e) {
            rollback.forEach(Runnable::run);
            throw e;
        }
    }
}
