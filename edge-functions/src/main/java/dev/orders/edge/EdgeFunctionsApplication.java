package dev.orders.edge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class EdgeFunctionsApplication {

    public static void main(String[] args) {
        SpringApplication.run(EdgeFunctionsApplication.class, args);
    }
}
