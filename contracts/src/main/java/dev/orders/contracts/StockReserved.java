package dev.orders.contracts;

import java.util.List;

/** Event {@code product.stockReserved}: the outcome of a reservation; {@code reason} is set when not approved. */
/** {@code approved} is boxed so that a message without it is refused instead of read as false. */
public record StockReserved(String orderId, String idempotencyKey, Boolean approved, String reason,
                            List<OrderLine> items) {
}
