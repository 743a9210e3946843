package io.pushline.engine.node;

import io.aeron.ControlledFragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.Header;
import io.pushline.engine.Engine;
import io.pushline.sbe.ClockTickEncoder;
import io.pushline.sbe.MessageHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The engine process's duty cycle: polls the ingress stream and sequences each command into the engine; sends a
 * {@code ClockTick} when the stream has been quiet for the tick interval, so that time moves on in the engine (GTD
 * orders expire, held replies of the PERIODIC sync policy are released) although nobody trades.
 * <p>
 * When the engine's ring is full the fragment is left in the stream ({@link ControlledFragmentHandler.Action#ABORT})
 * and polled again on the next duty cycle: the engine stops consuming ingress, the gateways see back pressure, and
 * nothing is lost. The only thread that offers to the engine, as the engine requires.
 */
final class IngressAdapter implements Agent, ControlledFragmentHandler
{
    private final Engine engine;
    private final Subscription subscription;
    private final ControlledFragmentAssembler assembler = new ControlledFragmentAssembler(this);
    private final int fragmentLimit;
    private final NanoClock clock;
    private final long clockTickIntervalNs;
    private final AtomicCounter commandsIn;
    private final AtomicCounter backPressureEvents;
    private final AtomicCounter clockTicks;
    private final UnsafeBuffer tickBuffer = new UnsafeBuffer(new byte[64]);
    private final int tickLength;
    private long lastOfferNs;
    private boolean backPressured;
    private RuntimeException fragmentError;

    IngressAdapter(
        final Engine engine,
        final Subscription subscription,
        final int fragmentLimit,
        final NanoClock clock,
        final long clockTickIntervalNs,
        final TransportCounters counters)
    {
        this.engine = engine;
        this.subscription = subscription;
        this.fragmentLimit = fragmentLimit;
        this.clock = clock;
        this.clockTickIntervalNs = clockTickIntervalNs;
        this.commandsIn = counters.commandsIn();
        this.backPressureEvents = counters.ingressBackPressureEvents();
        this.clockTicks = counters.clockTicks();
        this.tickLength = MessageHeaderEncoder.ENCODED_LENGTH + new ClockTickEncoder()
            .wrapAndApplyHeader(tickBuffer, 0, new MessageHeaderEncoder())
            .sessionId(0).gatewayId(0).timestampNs(0).sequence(0)
            .encodedLength();
        this.lastOfferNs = clock.nanoTime();
    }

    @Override
    public int doWork()
    {
        // the chain's failure only: a failed snapshot replica stops snapshots, not trading
        if (engine.chain().failure() != null)
        {
            throw new AgentTerminationException("engine failed: " + engine.chain().failure());
        }
        if (fragmentError != null)
        {
            throw new AgentTerminationException(fragmentError);
        }
        final int fragments = subscription.controlledPoll(assembler, fragmentLimit);
        if (fragments > 0)
        {
            // INVOKER layout: answer the whole poll as one batch on this thread (a no-op for threaded layouts)
            engine.runChain();
            lastOfferNs = clock.nanoTime();
            return fragments;
        }
        return tickIfQuiet();
    }

    @Override
    public Action onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final long result;
        try
        {
            result = engine.tryOffer(buffer, offset, length);
        }
        catch (final RuntimeException ex)
        {
            // Aeron's poll would hand this to the client's error handler and move on: keep it and stop
            fragmentError = ex;
            return Action.ABORT;
        }
        if (result == Engine.BACK_PRESSURED)
        {
            if (!backPressured)
            {
                backPressured = true;
                backPressureEvents.incrementRelease();
            }
            return Action.ABORT;
        }
        backPressured = false;
        // result 0: longer than any command; the engine counts it as refused
        commandsIn.incrementRelease();
        return Action.CONTINUE;
    }

    private int tickIfQuiet()
    {
        if (clockTickIntervalNs <= 0)
        {
            return 0;
        }
        final long nowNs = clock.nanoTime();
        if (nowNs - lastOfferNs < clockTickIntervalNs)
        {
            return 0;
        }
        lastOfferNs = nowNs;
        if (engine.tryOffer(tickBuffer, 0, tickLength) == Engine.BACK_PRESSURED)
        {
            return 0;
        }
        engine.runChain();
        clockTicks.incrementRelease();
        return 1;
    }

    @Override
    public String roleName()
    {
        return "pushline-engine-ingress";
    }
}
