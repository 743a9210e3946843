package io.pushline.perf.harness;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Finds the highest offered rate whose p99 stays under a bound: double the rate from a start until a run fails (p99
 * over the bound, or a message unanswered), then bisect between the last passing and the first failing rate.
 */
public final class CapacitySearch
{
    /** One run at a rate. */
    @FunctionalInterface
    public interface Trial
    {
        /**
         * @param ratePerSecond offered rate.
         * @return the run's p99 in ns ({@link Long#MAX_VALUE} if a measured message went unanswered).
         * @throws IOException if the run's logs cannot be written.
         */
        long p99Ns(long ratePerSecond) throws IOException;
    }

    /**
     * One step of the search.
     *
     * @param ratePerSecond offered.
     * @param p99Ns         measured.
     * @param passed        p99 at or under the bound.
     */
    public record Step(long ratePerSecond, long p99Ns, boolean passed)
    {
    }

    /**
     * The outcome.
     *
     * @param highestPassingRate highest rate that passed, 0 if even the start rate failed.
     * @param steps              every run, in order.
     */
    public record Result(long highestPassingRate, List<Step> steps)
    {
    }

    private CapacitySearch()
    {
    }

    /**
     * Search.
     *
     * @param trial       runs one rate.
     * @param startRate   first rate tried.
     * @param maxRate     never tried above this.
     * @param p99BoundNs  bound on the p99.
     * @param bisectSteps runs spent narrowing between the last pass and the first failure.
     * @param onStep      told of each step as it completes.
     * @return the highest passing rate and the steps.
     * @throws IOException if a run fails to write its logs.
     */
    public static Result search(
        final Trial trial,
        final long startRate,
        final long maxRate,
        final long p99BoundNs,
        final int bisectSteps,
        final Consumer<Step> onStep) throws IOException
    {
        if (startRate < 1 || maxRate < startRate || p99BoundNs < 1 || bisectSteps < 0)
        {
            throw new IllegalArgumentException("need 1 <= start <= max rate, a positive bound, bisect steps >= 0");
        }
        final List<Step> steps = new ArrayList<>();
        long pass = 0;
        long fail = 0;
        for (long rate = startRate; rate <= maxRate; rate = rate >= maxRate ? maxRate + 1 : Math.min(maxRate, 2 * rate))
        {
            if (step(trial, rate, p99BoundNs, steps, onStep))
            {
                pass = rate;
            }
            else
            {
                fail = rate;
                break;
            }
        }
        if (fail == 0 || pass == 0)
        {
            return new Result(pass, steps);
        }
        long low = pass;
        long high = fail;
        for (int i = 0; i < bisectSteps && high - low > Math.max(1, low / 100); i++)
        {
            final long mid = low + (high - low) / 2;
            if (step(trial, mid, p99BoundNs, steps, onStep))
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }
        return new Result(low, steps);
    }

    private static boolean step(
        final Trial trial, final long rate, final long boundNs, final List<Step> steps, final Consumer<Step> onStep)
        throws IOException
    {
        final long p99 = trial.p99Ns(rate);
        final Step step = new Step(rate, p99, p99 <= boundNs);
        steps.add(step);
        onStep.accept(step);
        return step.passed();
    }
}
