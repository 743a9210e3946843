package io.pushline.perf;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import io.pushline.sbe.CancelReason;
import io.pushline.sbe.ExecType;
import io.pushline.sbe.ExecutionReportDecoder;
import io.pushline.sbe.ExecutionReportEncoder;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.MessageHeaderEncoder;
import io.pushline.sbe.NewOrderDecoder;
import io.pushline.sbe.NewOrderEncoder;
import io.pushline.sbe.OrdStatus;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.RejectReason;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SBE codecs of the hot path: the NewOrder the validate node decodes and the ExecutionReport the respond node encodes,
 * each encoded, decoded, and both, into and from a direct buffer as in the engine. Every field is written or read,
 * as the nodes do. Time per message.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED")
@State(Scope.Thread)
public class SbeCodecBenchmark
{
    private final UnsafeBuffer newOrderBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
    private final UnsafeBuffer reportBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final NewOrderEncoder newOrderEncoder = new NewOrderEncoder();
    private final NewOrderDecoder newOrderDecoder = new NewOrderDecoder();
    private final ExecutionReportEncoder reportEncoder = new ExecutionReportEncoder();
    private final ExecutionReportDecoder reportDecoder = new ExecutionReportDecoder();

    // inputs in fields, not constants, so nothing folds away; the sequence changes every call
    private int sessionId = 17;
    private int gatewayId = 2;
    private long timestampNs = 1_700_000_000_000_000_000L;
    private long sequence = 1;
    private long clOrdId = 4_000_001;
    private long price = 1_000_300;
    private long quantity = 25;
    private int instrumentId = 1;
    private Side side = Side.BUY;
    private OrdType ordType = OrdType.LIMIT;
    private TimeInForce timeInForce = TimeInForce.GTC;
    private ExecType execType = ExecType.TRADE;
    private CancelReason cancelReason = CancelReason.NONE;

    /**
     * Encode one message of each kind for the decode benchmarks.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        encodeNewOrder();
        encodeExecutionReport();
    }

    /**
     * @return encoded length.
     */
    @Benchmark
    public int newOrderEncode()
    {
        return encodeNewOrder();
    }

    /**
     * @return a fold of every field.
     */
    @Benchmark
    public long newOrderDecode()
    {
        return decodeNewOrder();
    }

    /**
     * @return a fold of every field.
     */
    @Benchmark
    public long newOrderEncodeDecode()
    {
        return encodeNewOrder() + decodeNewOrder();
    }

    /**
     * @return encoded length.
     */
    @Benchmark
    public int executionReportEncode()
    {
        return encodeExecutionReport();
    }

    /**
     * @return a fold of every field.
     */
    @Benchmark
    public long executionReportDecode()
    {
        return decodeExecutionReport();
    }

    /**
     * @return a fold of every field.
     */
    @Benchmark
    public long executionReportEncodeDecode()
    {
        return encodeExecutionReport() + decodeExecutionReport();
    }

    private int encodeNewOrder()
    {
        newOrderEncoder.wrapAndApplyHeader(newOrderBuffer, 0, headerEncoder)
            .sessionId(sessionId)
            .gatewayId(gatewayId)
            .timestampNs(timestampNs)
            .sequence(++sequence)
            .clOrdId(clOrdId)
            .price(price)
            .quantity(quantity)
            .expireTimeNs(0)
            .instrumentId(instrumentId)
            .side(side)
            .ordType(ordType)
            .timeInForce(timeInForce);
        newOrderEncoder.flags().clear().postOnly(false);
        return MessageHeaderEncoder.ENCODED_LENGTH + newOrderEncoder.encodedLength();
    }

    /** As the validate node decodes: header, then the body at its block length and version. */
    private long decodeNewOrder()
    {
        final MessageHeaderDecoder header = headerDecoder.wrap(newOrderBuffer, 0);
        final NewOrderDecoder d = newOrderDecoder.wrap(
            newOrderBuffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        long fold = header.templateId();
        fold = 31 * fold + d.sessionId();
        fold = 31 * fold + d.gatewayId();
        fold = 31 * fold + d.timestampNs();
        fold = 31 * fold + d.sequence();
        fold = 31 * fold + d.clOrdId();
        fold = 31 * fold + d.price();
        fold = 31 * fold + d.quantity();
        fold = 31 * fold + d.expireTimeNs();
        fold = 31 * fold + d.instrumentId();
        fold = 31 * fold + d.side().ordinal();
        fold = 31 * fold + d.ordType().ordinal();
        fold = 31 * fold + d.timeInForce().ordinal();
        return 31 * fold + (d.flags().postOnly() ? 1 : 0);
    }

    /** As the respond node encodes a fill. */
    private int encodeExecutionReport()
    {
        reportEncoder.wrapAndApplyHeader(reportBuffer, 0, headerEncoder)
            .sessionId(sessionId)
            .gatewayId(gatewayId)
            .timestampNs(timestampNs)
            .sequence(++sequence)
            .reportSequence(sequence)
            .orderId(sequence)
            .clOrdId(clOrdId)
            .origClOrdId(0)
            .execId(sequence << 16 | 1)
            .price(price)
            .orderQty(quantity)
            .lastPx(price)
            .lastQty(quantity)
            .leavesQty(0)
            .cumQty(quantity)
            .instrumentId(instrumentId)
            .execType(execType)
            .ordStatus(OrdStatus.FILLED)
            .side(side)
            .ordType(ordType)
            .timeInForce(timeInForce)
            .rejectReason(RejectReason.NONE)
            .cancelReason(cancelReason);
        return MessageHeaderEncoder.ENCODED_LENGTH + reportEncoder.encodedLength();
    }

    /** As a gateway decodes a report: every field. */
    private long decodeExecutionReport()
    {
        final MessageHeaderDecoder header = headerDecoder.wrap(reportBuffer, 0);
        final ExecutionReportDecoder d = reportDecoder.wrap(
            reportBuffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        long fold = header.templateId();
        fold = 31 * fold + d.sessionId();
        fold = 31 * fold + d.gatewayId();
        fold = 31 * fold + d.timestampNs();
        fold = 31 * fold + d.sequence();
        fold = 31 * fold + d.reportSequence();
        fold = 31 * fold + d.orderId();
        fold = 31 * fold + d.clOrdId();
        fold = 31 * fold + d.origClOrdId();
        fold = 31 * fold + d.execId();
        fold = 31 * fold + d.price();
        fold = 31 * fold + d.orderQty();
        fold = 31 * fold + d.lastPx();
        fold = 31 * fold + d.lastQty();
        fold = 31 * fold + d.leavesQty();
        fold = 31 * fold + d.cumQty();
        fold = 31 * fold + d.instrumentId();
        fold = 31 * fold + d.execType().ordinal();
        fold = 31 * fold + d.ordStatus().ordinal();
        fold = 31 * fold + d.side().ordinal();
        fold = 31 * fold + d.ordType().ordinal();
        fold = 31 * fold + d.timeInForce().ordinal();
        fold = 31 * fold + d.rejectReason().ordinal();
        return 31 * fold + d.cancelReason().ordinal();
    }
}
