package dev.orders.infra.web;

import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import dev.orders.infra.messaging.DeadLetters;

/**
 * {@code GET /admin/dead-letters?queue=&limit=} and {@code POST /admin/dead-letters/replay?queue=&limit=} on the
 * service's own port, with {@code Authorization: Bearer <ADMIN_API_KEY>}. {@code scripts/dead-letters.sh} wraps them.
 */
@RestController
@RequestMapping(path = "/admin/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
public class DeadLetterController {

    private final DeadLetters deadLetters;
    private final AdminKey adminKey;

    public DeadLetterController(DeadLetters deadLetters, @Value("${platform.admin-api-key}") String adminKey) {
        this.deadLetters = deadLetters;
        this.adminKey = new AdminKey(adminKey);
    }

    @GetMapping
    Map<String, Object> list(@RequestHeader(name = "Authorization", required = false) String authorization,
                             @RequestParam(required = false) String queue,
                             @RequestParam(defaultValue = "50") int limit) {
        authorize(authorization);
        String q = queue(queue);
        return DeadLetters.summary(q, deadLetters.list(q, Math.clamp(limit, 1, 1000)));
    }

    @PostMapping("/replay")
    Map<String, Object> replay(@RequestHeader(name = "Authorization", required = false) String authorization,
                               @RequestParam(required = false) String queue,
                               @RequestParam(defaultValue = "100") int limit) {
        authorize(authorization);
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

    private void authorize(String header) {
        adminKey.check(header);
    }
}
