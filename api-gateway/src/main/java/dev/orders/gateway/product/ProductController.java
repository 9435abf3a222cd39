package dev.orders.gateway.product;

import dev.orders.contracts.CreateProduct;
import dev.orders.contracts.GetProduct;
import dev.orders.contracts.Limits;
import dev.orders.contracts.ListProducts;
import dev.orders.contracts.Page;
import dev.orders.contracts.Patterns;
import dev.orders.contracts.ProductView;
import dev.orders.contracts.RestockProduct;
import dev.orders.contracts.Validation;
import dev.orders.gateway.GatewayProperties;
import dev.orders.gateway.web.Upstream;
import dev.orders.infra.web.JsonBody;
import dev.orders.infra.web.Paging;
import dev.orders.infra.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping(path = "/products", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Products")
class ProductController {

    private final Upstream upstream;
    private final String queue;

    ProductController(Upstream upstream, GatewayProperties properties) {
        this.upstream = upstream;
        this.queue = properties.productsQueue();
    }

    record CreateProductBody(
            @Schema(maxLength = 200) String name,

            @Schema(description = "at most two decimals", example = "19.99")
            BigDecimal price,

            @Schema(minimum = "0") int stock) {}

    record StockBody(
            @Schema(description = "new stock; give set or add")
            Integer set,

            @Schema(description = "change, may be negative; stock never goes below zero")
            Integer add) {}

    @GetMapping
    @Operation(summary = "List products by id")
    Page<ProductView> list(
            @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        int size = Paging.limit(limit);
        Paging.cursor(cursor);
        return upstream.page(queue, Patterns.PRODUCTS_LIST, new ListProducts(size, cursor), ProductView.class);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a product")
    ProductView get(@PathVariable String id) {
        Paging.uuid(id, "id");
        return upstream.call(queue, Patterns.PRODUCTS_GET, new GetProduct(id.toLowerCase()), ProductView.class);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Create a product (admin)",
            security = @SecurityRequirement(name = "bearer"),
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = CreateProductBody.class))))
    ResponseEntity<ProductView> create(@RequestBody JsonNode body) {
        JsonBody r = reader(body, Set.of("name", "price", "stock"));
        CreateProduct command = new CreateProduct(
                r.string(body, "name", "", true),
                r.decimal(body, "price", "", true),
                r.integer(body, "stock", "", true, 0, Limits.MAX_STOCK));
        r.checkWith(Validation.createProduct(command));
        ProductView created = upstream.call(queue, Patterns.PRODUCTS_CREATE, command, ProductView.class);
        return ResponseEntity.created(URI.create("/products/" + created.id())).body(created);
    }

    @PostMapping(path = "/{id}/stock", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Set or add stock (admin)",
            security = @SecurityRequirement(name = "bearer"),
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = StockBody.class))))
    ProductView stock(@PathVariable String id, @RequestBody JsonNode body) {
        Paging.uuid(id, "id");
        JsonBody r = reader(body, Set.of("set", "add"));
        RestockProduct command = new RestockProduct(
                id.toLowerCase(),
                r.integer(body, "set", "", false, 0, Limits.MAX_STOCK),
                r.integer(body, "add", "", false, -Limits.MAX_STOCK, Limits.MAX_STOCK));
        r.checkWith(Validation.restock(command));
        return upstream.call(queue, Patterns.PRODUCTS_RESTOCK, command, ProductView.class);
    }

    /** A reader of a body that must be a JSON object with no fields but {@code fields}. */
    private static JsonBody reader(JsonNode body, Set<String> fields) {
        JsonBody r = new JsonBody();
        if (!r.object(body, "")) {
            throw ProblemException.invalid(r.violations());
        }
        r.onlyFields(body, "", fields);
        return r;
    }
}
