package dev.orders.infra.dispatch;

import java.time.Clock;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * A dispatcher whose work is the rounds of a {@link ClaimLoop}: the loop starts and stops with the application, and
 * a subclass says only what one round does.
 */
public abstract class ClaimingDispatcher implements SmartLifecycle {

    protected final ClaimLoop loop;
    private final Duration shutdownGrace;
    private final Runnable cutShort;

    /**
     * {@code name}, {@code what}, the intervals and {@code clock} are the loop's ({@link ClaimLoop}); on stop the
     * work in hand gets {@code shutdownGrace}, after which {@code cutShort} (when given) is asked to end it.
     */
    protected ClaimingDispatcher(
            String name,
            String what,
            Duration pollInterval,
            Duration claimInterval,
            Clock clock,
            Duration shutdownGrace,
            Runnable cutShort) {
        this.loop = new ClaimLoop(name, what, pollInterval, claimInterval, clock, this::round);
        this.shutdownGrace = shutdownGrace;
        this.cutShort = cutShort;
    }

    /** Claims due work and hands it to {@link ClaimLoop#execute}; runs on the loop's thread. */
    protected abstract void round();

    /** Looks for due work now (or as soon as the claim interval allows). */
    public void wake() {
        loop.wake();
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop(shutdownGrace, cutShort);
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
