package dev.orders.products.product;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A small catalogue with fixed ids, loaded on first start when the table is empty, so the README's curl examples
 * work on a fresh checkout. Switch off with {@code PRODUCTS_DEMO_CATALOGUE=false}.
 */
@Component
@EnableConfigurationProperties(ProductSettings.class)
class DemoCatalogue implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalogue.class);

    static final List<Product> PRODUCTS = List.of(
            new Product("00000000-0000-4000-8000-000000000001", "Teclado mecánico", 8999, 100),
            new Product("00000000-0000-4000-8000-000000000002", "Ratón inalámbrico", 2999, 100),
            new Product("00000000-0000-4000-8000-000000000003", "Monitor 27\"", 24900, 20),
            new Product("00000000-0000-4000-8000-000000000004", "Auriculares", 5950, 50),
            new Product("00000000-0000-4000-8000-000000000005", "Webcam HD", 3999, 5));

    private final Products products;
    private final TransactionTemplate tx;
    private final boolean enabled;

    DemoCatalogue(Products products, TransactionTemplate tx, ProductSettings settings) {
        this.products = products;
        this.tx = tx;
        this.enabled = settings.demoCatalogue();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled || !products.isEmpty()) {
            return;
        }
        int added = tx.execute(
                s -> (int) PRODUCTS.stream().filter(products::insertIfAbsent).count());
        log.info("Loaded the demo catalogue ({} products); set PRODUCTS_DEMO_CATALOGUE=false to start empty", added);
    }
}
