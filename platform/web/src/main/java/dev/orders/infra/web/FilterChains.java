package dev.orders.infra.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** What the body filters share: running the rest of the chain on their wrapped request. */
final class FilterChains {

    private FilterChains() {}

    /** Writes a filter's own problem answer. */
    @FunctionalInterface
    interface Answer {
        void write() throws IOException;
    }

    /**
     * Runs the rest of the chain on {@code request}; a failure caused by {@code own} (the filter's own limit) is
     * answered with {@code answer} instead, while nothing of the response has gone out yet.
     */
    static void continueAnswering(
            FilterChain chain,
            HttpServletRequest request,
            HttpServletResponse response,
            Class<? extends Throwable> own,
            Answer answer)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (ProblemHandling.causedBy(e, own) && !response.isCommitted()) {
                response.reset();
                answer.write();
                return;
            }
            throw e;
        }
    }
}
