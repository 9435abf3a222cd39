package dev.orders.gateway.order;

import dev.orders.contracts.CancelOrder;
import dev.orders.contracts.CreateOrder;
import dev.orders.contracts.GetOrder;
import dev.orders.contracts.ListOrders;
import dev.orders.contracts.OrderStatus;
import dev.orders.contracts.OrderView;
import dev.orders.contracts.Page;
import dev.orders.contracts.Patterns;
import dev.orders.contracts.Validation;
import dev.orders.gateway.GatewayProperties;
import dev.orders.gateway.security.Caller;
import dev.orders.gateway.security.Scopes;
import dev.orders.gateway.web.Upstream;
import dev.orders.infra.web.Paging;
import dev.orders.infra.web.ProblemException;
import dev.orders.infra.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The order routes. Each caller places orders as itself and sees only its own (and their customer block); another
 * caller's order is answered 404, as one that does not exist. Admins see every order. The scopes are checked before
 * this (SecurityConfiguration); ownership is applied by orders-service, which is told the owner to look for.
 */
@RestController
@RequestMapping(path = "/orders", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Orders")
@SecurityRequirement(name = "bearer")
class OrderController {

    private final Upstream upstream;
    private final String queue;

    OrderController(Upstream upstream, GatewayProperties properties) {
        this.upstream = upstream;
        this.queue = properties.ordersQueue();
    }

    /** Documentation shape of the body; the reader accepts either form. */
    record CreateOrderBody(
            @Schema(description = "single-line form") String productId,

            @Schema(description = "single-line form", minimum = "1", maximum = "10000")
            Integer quantity,

            @Schema(description = "multi-line form, 1..100 lines, each product once")
            List<Line> items,

            @Schema(description = "optional contact for notifications")
            CustomerBody customer) {
        record Line(String productId, int quantity) {}

        record CustomerBody(
                String name,
                Long telegramChatId,
                String email,
                @Schema(example = "es") String locale) {}
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Place an order (orders.write)",
            description = """
            Answers 201 with the order, PENDING, and a Location header; follow it with GET until CONFIRMED or \
            REJECTED. With an Idempotency-Key, repeating the same request returns the same order; the same key with \
            a different body is refused with 422. Keys are yours alone: another caller's equal key is another \
            order. The customer's contact is messaged only if your credential has orders.notify (or the address \
            is a recipient an admin registered).""",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = CreateOrderBody.class))))
    @ApiResponse(
            responseCode = "201",
            description = "created (or replayed for the same Idempotency-Key)",
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    ResponseEntity<JsonNode> create(
            @RequestBody JsonNode body,
            @Parameter(description = "1-255 printable ASCII characters")
                    @RequestHeader(name = "Idempotency-Key", required = false)
                    String key,
            @AuthenticationPrincipal Caller caller) {
        CreateOrder read = OrderBodyParser.read(body, key);
        CreateOrder command = new CreateOrder(
                read.items(), read.customer(), read.requestKey(), caller.id(), caller.has(Scopes.ORDERS_NOTIFY));
        JsonNode order = upstream.relay(queue, Patterns.ORDERS_CREATE, command);
        return ResponseEntity.created(URI.create("/orders/" + order.get("id").asString()))
                .body(order);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get one of your orders (orders.read)")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = OrderView.class)))
    JsonNode get(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
        Paging.uuid(id, "id");
        return upstream.relay(queue, Patterns.ORDERS_GET, new GetOrder(id.toLowerCase(), ownerFilter(caller)));
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel one of your orders (orders.write)", description = """
            A PENDING or CONFIRMED order becomes CANCELLED and its stock is given back. Cancelling a REJECTED or \
            CANCELLED order is a 409.""")
    OrderView cancel(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
        Paging.uuid(id, "id");
        return upstream.call(
                queue, Patterns.ORDERS_CANCEL, new CancelOrder(id.toLowerCase(), ownerFilter(caller)), OrderView.class);
    }

    /** The owner orders-service must look for: the caller's own id, or nobody in particular for an admin. */
    private static String ownerFilter(Caller caller) {
        return caller.admin() ? null : caller.id();
    }

    @GetMapping
    @Operation(summary = "List your orders, newest first (orders.read)", description = """
            Pass nextCursor back as cursor for the next page. An admin sees every caller's orders, or one caller's \
            with owner.""")
    Page<OrderView> list(
            @RequestParam(required = false) @Parameter(schema = @Schema(implementation = OrderStatus.class))
                    String status,
            @RequestParam(required = false) @Parameter(description = "1..100, default 20") String limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) @Parameter(description = "admin: only this owner's orders") String owner,
            @AuthenticationPrincipal Caller caller) {
        OrderStatus parsed = null;
        if (status != null) {
            try {
                parsed = OrderStatus.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("status", "must be one of PENDING, CONFIRMED, REJECTED, CANCELLED");
            }
        }
        int size = Paging.limit(limit);
        Paging.cursor(cursor);
        String ownerId;
        if (caller.admin()) {
            if (owner != null) {
                ProblemException.check(Validation.ownerId(owner, "owner"));
            }
            ownerId = owner;
        } else if (owner == null || owner.equals(caller.id())) {
            ownerId = caller.id();
        } else {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only an admin may list another caller's orders.");
        }
        return upstream.page(
                queue, Patterns.ORDERS_LIST, new ListOrders(parsed, size, cursor, ownerId), OrderView.class);
    }
}
