package dev.orders.infra;

import org.springframework.context.SmartLifecycle;

/**
 * A component whose background upkeep (a vacuum, a retention) runs on {@link Periodic} timer threads from the
 * application's start to its stop. A subclass only says what runs when.
 */
public abstract class Upkeep implements SmartLifecycle {

    private final String name;
    private final int threads;
    private Periodic periodic;

    /** Timer threads named {@code name-0}, …; one per task that may run long. */
    protected Upkeep(String name, int threads) {
        this.name = name;
        this.threads = threads;
    }

    /** Schedules the tasks, at each start. */
    protected abstract void schedule(Periodic periodic);

    @Override
    public final void start() {
        periodic = Periodic.start(name, threads);
        schedule(periodic);
    }

    @Override
    public final void stop() {
        periodic.close();
    }

    @Override
    public final boolean isRunning() {
        return periodic != null && periodic.isRunning();
    }
}
