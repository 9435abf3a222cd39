package dev.orders.products.product;

/** Why a catalogue use case refused: the messaging adapter answers each kind with its error code. */
public abstract sealed class ProductException extends RuntimeException
        permits InvalidProductRequest, ProductNotFound, StockBelowZero {

    ProductException(String message) {
        super(message);
    }
}
