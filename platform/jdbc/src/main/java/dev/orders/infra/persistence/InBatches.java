package dev.orders.infra.persistence;

import java.util.function.IntUnaryOperator;

/** Large deletes as a series of short statements, so none holds its locks or its transaction for long. */
public final class InBatches {

    private InBatches() {}

    /**
     * Calls {@code deleteUpTo} with {@code batch} until it deletes fewer than that; returns how many it deleted in
     * all. {@code deleteUpTo} deletes at most its argument's number of rows and returns how many it did.
     */
    public static long deleteAll(int batch, IntUnaryOperator deleteUpTo) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1: " + batch);
        }
        long total = 0;
        int deleted;
        do {
            deleted = deleteUpTo.applyAsInt(batch);
            total += deleted;
        } while (deleted >= batch);
        return total;
    }
}
