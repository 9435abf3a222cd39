package dev.orders.products.product;

/**
 * Why a catalogue use case refused: the messaging adapter answers each kind with its error code. A request that
 * breaks the contract's rules is refused with {@link dev.orders.contracts.InvalidRequest} instead.
 */
public abstract sealed class ProductException extends RuntimeException permits ProductNotFound, StockBelowZero {

    ProductException(String message) {
        super(message);
    }
}
