package dev.orders.gateway.web;

import dev.orders.infra.web.ProblemException;
import dev.orders.infra.web.ProblemType;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Arrays;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Makes every problem {@code type} URI dereferenceable: {@code GET /problems/validation-error}. */
@RestController
@Hidden
class ProblemDocsController {

    @GetMapping(path = "/problems/{slug}", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> describe(@PathVariable String slug) {
        ProblemType type = Arrays.stream(ProblemType.values())
                .filter(t -> t.slug().equals(slug))
                .findFirst()
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No problem type " + slug + "."));
        return Map.of(
                "type",
                type.uri().toString(),
                "title",
                type.title(),
                "status",
                type.status().value());
    }
}
