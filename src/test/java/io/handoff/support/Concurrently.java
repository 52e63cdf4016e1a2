package io.handoff.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs calls on their own threads, released at the same moment by a barrier. */
public final class Concurrently {

  private Concurrently() {}

  /** The results of the calls, in their order, once all have returned. */
  public static <T> List<T> run(List<Callable<T>> calls) throws Exception {
    CyclicBarrier barrier = new CyclicBarrier(calls.size());
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> call : calls) {
        futures.add(
            pool.submit(
                () -> {
                  barrier.await(30, TimeUnit.SECONDS);
                  return call.call();
                }));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(120, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The same call {@code times} times at the same moment. */
  public static <T> List<T> times(int times, Callable<T> call) throws Exception {
    List<Callable<T>> calls = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      calls.add(call);
    }
    return run(calls);
  }
}
