package dev.orders.orders.order;

import java.util.List;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;

/** Runs the work at once; when it throws, puts the in-memory stores back as they were, as a rollback would. */
final class InMemoryTransactions implements TransactionOperations {

    /** Something a rollback restores: {@link #snapshot} returns what puts it back. */
    interface Store {
        Runnable snapshot();
    }

    private final List<Store> stores;

    InMemoryTransactions(Store... stores) {
        this.stores = List.of(stores);
    }

    @Override
    public <T> T execute(TransactionCallback<T> action) {
        List<Runnable> rollback = stores.stream().map(Store::snapshot).toList();
        try {
            return action.doInTransaction(new SimpleTransactionStatus());
        } catch (RuntimeException | Error e) {
            rollback.forEach(Runnable::run);
            throw e;
        }
    }
}
