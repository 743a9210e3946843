package io.pushline.perf.harness;

import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import org.agrona.concurrent.Agent;

/**
 * The Aeron baseline: polls the ingress stream and publishes every message back on the egress stream, from one
 * thread, with no work in between.
 */
final class AeronEchoAgent implements Agent
{
    private static final int FRAGMENT_LIMIT = 16;

    private final Subscription ingress;
    private final FragmentAssembler assembler;

    AeronEchoAgent(final Subscription ingress, final Publication egress)
    {
        this.ingress = ingress;
        this.assembler = new FragmentAssembler(
            (buffer, offset, length, header) -> AeronSystem.offerFully(egress, buffer, offset, length));
    }

    @Override
    public int doWork()
    {
        return ingress.poll(assembler, FRAGMENT_LIMIT);
    }

    @Override
    public String roleName()
    {
        return "pushline-perf-aeron-echo";
    }
}
