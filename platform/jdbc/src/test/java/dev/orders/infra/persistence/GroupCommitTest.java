package dev.orders.infra.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    private final ExecutorService callers = Executors.newFixedThreadPool(8);
    private final List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    @Test
    void writesALoneCallersItemAtOnce() {
        GroupCommit<Integer, String> commit = new GroupCommit<>(this::record, 16);

        assertThat(commit.submit(7)).isEqualTo("7");
        assertThat(batches).containsExactly(List.of(7));
    }

    @Test
    void writesWhatWaitedDuringAWriteInOneBatchAndAnswersEachCallerItsOwn() throws Exception {
        HeldFirstBatch held = new HeldFirstBatch(this::record, 16);

        assertThat(held.first.get(5, TimeUnit.SECONDS)).isEqualTo("0");
        for (int i = 1; i <= 5; i++) {
            assertThat(held.others.get(i - 1).get(5, TimeUnit.SECONDS)).isEqualTo(String.valueOf(i));
        }
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0)).containsExactly(0);
        assertThat(batches.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    }

    @Test
    void neverPutsMoreThanMaxBatchInOneWrite() throws Exception {
        HeldFirstBatch held = new HeldFirstBatch(this::record, 2);

        for (int i = 1; i <= 5; i++) {
            assertThat(held.others.get(i - 1).get(5, TimeUnit.SECONDS)).isEqualTo(String.valueOf(i));
        }
        assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(2));
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(6);
    }

    @Test
    void aBadItemFailsOnlyItsOwnCaller() throws Exception {
        HeldFirstBatch held = new HeldFirstBatch(
                items -> {
                    if (items.contains(3)) {
                        batches.add(List.copyOf(items));
                        throw new IllegalArgumentException("3 is poison");
                    }
                    return record(items);
                },
                16);

        assertThat(held.first.get(5, TimeUnit.SECONDS)).isEqualTo("0");
        for (int i : List.of(1, 2, 4, 5)) {
            assertThat(held.others.get(i - 1).get(5, TimeUnit.SECONDS)).isEqualTo(String.valueOf(i));
        }
        assertThatThrownBy(() -> held.others.get(2).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalArgumentException.class)
                .hasRootCauseMessage("3 is poison");
    }

    @Test
    void aWriterThatAnswersTheWrongNumberOfResultsFailsTheCaller() {
        GroupCommit<Integer, String> commit = new GroupCommit<>(items -> List.of(), 16);

        assertThatThrownBy(() -> commit.submit(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("0 results for 1 items");
    }

    @Test
    void manyCallersAllGetTheirOwnResult() throws Exception {
        GroupCommit<Integer, String> commit = new GroupCommit<>(this::record, 4);
        submitConcurrentlyAndExpectEachItsOwnResult(commit, 0, 1_999);
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(2_000);
    }

    @Test
    void aLoneItemIsWrittenAtOnceWhateverTheLinger() {
        GroupCommit<Integer, String> commit = new GroupCommit<>(this::record, 16, Duration.ofHours(1));

        String result = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> commit.submit(7));

        assertThat(result).isEqualTo("7");
        assertThat(batches).containsExactly(List.of(7));
    }

    @Test
    void itemsArrivingInAStreamWaitForEachOtherUntilTheBatchIsFull() throws Exception {
        GroupCommit<Integer, String> commit = new GroupCommit<>(this::record, 3, Duration.ofHours(1));
        assertThat(commit.submit(0)).isEqualTo("0"); // alone: at once, and it starts the stream

        submitConcurrentlyAndExpectEachItsOwnResult(commit, 1, 3);
        // without the linger the first of them would have been written alone, as item 0 was
        assertThat(batches).hasSize(2);
        assertThat(batches.get(1)).containsExactlyInAnyOrder(1, 2, 3);
    }

    @Test
    void aLingeringBatchIsWrittenWhenItsOldestItemIsLingerOldEvenIfNotFull() throws Exception {
        GroupCommit<Integer, String> commit = new GroupCommit<>(this::record, 64, Duration.ofMillis(200));
        assertThat(commit.submit(0)).isEqualTo("0");

        Future<String> second = callers.submit(() -> commit.submit(1)); // within 200 ms of item 0: in a stream

        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("1");
        assertThat(batches).containsExactly(List.of(0), List.of(1));
    }

    @Test
    void aLingeringBatchIsWrittenOnceItsStreamGoesQuietWithoutWaitingOutTheLinger() throws Exception {
        // the linger is 5 s; the quiet time is a tenth of it, 500 ms, since the stream's gaps are far shorter
        GroupCommit<Integer, String> commit = new GroupCommit<>(this::record, 64, Duration.ofSeconds(5));
        assertThat(commit.submit(0)).isEqualTo("0");
        long start = System.nanoTime();

        submitConcurrentlyAndExpectEachItsOwnResult(commit, 1, 3);

        // a fixed set of callers that all wait cannot fill the batch: waiting out the linger would take 5 s
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(4);
        assertThat(batches.get(0)).containsExactly(0);
    }

    @Test
    void aNegativeLingerIsRefused() {
        assertThatThrownBy(() -> new GroupCommit<>(this::record, 4, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manyCallersWithALingerAllGetTheirOwnResult() throws Exception {
        GroupCommit<Integer, String> commit = new GroupCommit<>(this::record, 8, Duration.ofMillis(5));
        submitConcurrentlyAndExpectEachItsOwnResult(commit, 0, 1_999);
        assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(8));
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(2_000);
    }

    /**
     * Item 0 is submitted first and its write is held open until items 1 to 5, submitted meanwhile on other threads,
     * are all waiting; then it is let go.
     */
    private final class HeldFirstBatch {
        final Future<String> first;
        final List<Future<String>> others = new ArrayList<>();

        HeldFirstBatch(Function<List<Integer>, List<String>> writer, int maxBatch) {
            CountDownLatch firstBatchStarted = new CountDownLatch(1);
            CountDownLatch firstBatchMayFinish = new CountDownLatch(1);
            GroupCommit<Integer, String> commit = new GroupCommit<>(
                    items -> {
                        if (batches.isEmpty()) {
                            firstBatchStarted.countDown();
                            waitFor(firstBatchMayFinish);
                        }
                        return writer.apply(items);
                    },
                    maxBatch);
            first = callers.submit(() -> commit.submit(0));
            waitFor(firstBatchStarted);
            for (int i = 1; i <= 5; i++) {
                int item = i;
                others.add(callers.submit(() -> commit.submit(item)));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> commit.queued() == 5);
            firstBatchMayFinish.countDown();
        }
    }

    /** Submits items {@code from} to {@code to}, each from a caller thread, and checks each caller got its own result. */
    private void submitConcurrentlyAndExpectEachItsOwnResult(GroupCommit<Integer, String> commit, int from, int to)
            throws Exception {
        List<Future<String>> results = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            int item = i;
            results.add(callers.submit(() -> commit.submit(item)));
        }
        for (int i = from; i <= to; i++) {
            assertThat(results.get(i - from).get(10, TimeUnit.SECONDS)).isEqualTo(String.valueOf(i));
        }
    }

    private List<String> record(List<Integer> items) {
        batches.add(List.copyOf(items));
        return items.stream().map(String::valueOf).toList();
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a latch was never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
