package dev.orders.infra.messaging;

import dev.orders.infra.web.AdminOnly;
import dev.orders.infra.web.ProblemException;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/dead-letters?queue=&limit=} and {@code POST /admin/dead-letters/replay?queue=&limit=} on the
 * service's own port, with {@code Authorization: Bearer <ADMIN_API_KEY>}. {@code scripts/dead-letters.sh} wraps them.
 */
@RestController
@AdminOnly
@RequestMapping(path = "/admin/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
public class DeadLetterController {

    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    Map<String, Object> list(
            @RequestParam(required = false) String queue, @RequestParam(defaultValue = "50") int limit) {
        String q = queue(queue);
        return DeadLetters.summary(q, deadLetters.list(q, Math.clamp(limit, 1, 1000)));
    }

    @PostMapping("/replay")
    Map<String, Object> replay(
            @RequestParam(required = false) String queue, @RequestParam(defaultValue = "100") int limit) {
        String q = queue(queue);
        return Map.of("queue", q, "replayed", deadLetters.replay(q, Math.clamp(limit, 1, 100_000)));
    }

    private String queue(String queue) {
        List<String> own = deadLetters.queues();
        if (queue == null) {
            return own.getFirst();
        }
        if (!own.contains(queue)) {
            throw ProblemException.invalid("queue", "must be one of " + own);
        }
        return queue;
    }
}
