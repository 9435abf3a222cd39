package dev.orders.products.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.contracts.CreateProduct;
import dev.orders.contracts.InvalidRequest;
import dev.orders.contracts.ListProducts;
import dev.orders.contracts.Page;
import dev.orders.contracts.ProductView;
import dev.orders.contracts.RestockProduct;
import dev.orders.contracts.Violation;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CatalogueTest {

    static final String UNKNOWN = "00000000-0000-4000-8000-00000000ffff";

    final InMemoryProducts products = new InMemoryProducts();
    final Catalogue catalogue = new Catalogue(products, new InMemoryTransactions(products.snapshots()));

    @Test
    void createsAProductWithItsNameTrimmedAndItsPriceInCents() {
        ProductView created = catalogue.create(new CreateProduct("  Teclado ", new BigDecimal("89.99"), 7));

        assertThat(created.name()).isEqualTo("Teclado");
        assertThat(created.price()).isEqualByComparingTo("89.99");
        assertThat(created.stock()).isEqualTo(7);
        assertThat(products.find(created.id())).contains(new Product(created.id(), "Teclado", 8999, 7));
        assertThat(catalogue.get(created.id())).isEqualTo(created);
    }

    @Test
    void refusesAProductOutOfContract() {
        assertThatThrownBy(() -> catalogue.create(new CreateProduct("x", new BigDecimal("1.001"), 1)))
                .isInstanceOfSatisfying(
                        InvalidRequest.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field)
                                .containsExactly("price"));
        assertThat(products.isEmpty()).isTrue();
    }

    @Test
    void anUnknownProductIsNotFoundAndAnIdThatIsNotAUuidIsRefused() {
        assertThatThrownBy(() -> catalogue.get(UNKNOWN))
                .isInstanceOf(ProductNotFound.class)
                .hasMessage("product " + UNKNOWN + " not found");
        assertThatThrownBy(() -> catalogue.get("42")).isInstanceOf(InvalidRequest.class);
    }

    @Test
    void listsByIdPageByPage() {
        for (int i = 1; i <= 3; i++) {
            products.insert(new Product("00000000-0000-4000-8000-00000000000" + i, "p" + i, 100, 1));
        }

        Page<ProductView> first = catalogue.list(new ListProducts(2, null));
        Page<ProductView> rest = catalogue.list(new ListProducts(2, first.nextCursor()));

        assertThat(first.items()).extracting(ProductView::name).containsExactly("p1", "p2");
        assertThat(rest.items()).extracting(ProductView::name).containsExactly("p3");
        assertThat(rest.nextCursor()).isNull();
        assertThatThrownBy(() -> catalogue.list(new ListProducts(101, null))).isInstanceOf(InvalidRequest.class);
    }

    @Test
    void setsOrAddsStock() {
        String id = catalogue
                .create(new CreateProduct("Ratón", new BigDecimal("29.99"), 5))
                .id();

        assertThat(catalogue.restock(new RestockProduct(id, 10, null)).stock()).isEqualTo(10);
        assertThat(catalogue.restock(new RestockProduct(id, null, -4)).stock()).isEqualTo(6);
        assertThat(products.stockOf(id)).isEqualTo(6);
    }

    @Test
    void refusesStockBelowZeroAndRestockOfAnUnknownProduct() {
        String id = catalogue
                .create(new CreateProduct("Ratón", new BigDecimal("29.99"), 5))
                .id();

        assertThatThrownBy(() -> catalogue.restock(new RestockProduct(id, null, -6)))
                .isInstanceOf(StockBelowZero.class)
                .hasMessage("stock of " + id + " would go below zero");
        assertThat(products.stockOf(id)).isEqualTo(5);
        assertThatThrownBy(() -> catalogue.restock(new RestockProduct(UNKNOWN, null, 1)))
                .isInstanceOf(ProductNotFound.class);
    }
}
