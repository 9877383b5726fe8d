package dev.leadflow.observability;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.ClassFilter;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.NameMatchMethodPointcut;
import org.springframework.aop.support.RootClassFilter;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.leadflow.coordination.Coordination;
import dev.leadflow.messaging.OutboundChannel;
import dev.leadflow.messaging.OutboundMessage;
import dev.leadflow.messaging.SendFailedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Measures the boundaries a send crosses without touching the classes that implement them: every
 * {@link OutboundChannel} bean's {@code send} (the Cloud API call) and every {@link Coordination} bean's
 * token bucket and lead lock are wrapped in a proxy, as Spring does for {@code @Transactional}.
 * <ul>
 * <li>{@code leadflow.cloudapi.requests}: latency by channel, outcome ({@code accepted} or the failure
 * kind) and error code</li>
 * <li>{@code leadflow.ratelimit.waits}: how long a rate limit asked a send to wait, by channel and limit
 * ({@code channel}: the number's throughput; {@code recipient}: Meta's pair rate limit; {@code channel_turn}:
 * the wait for the channel's next turn, taken or not)</li>
 * <li>{@code leadflow.lead.lock.waits}: time to get a lead's send lock, by outcome (acquired, timeout)</li>
 * </ul>
 */
@Component
class BoundaryInstrumentation extends AbstractBeanFactoryAwareAdvisingPostProcessor {

    static final String CLOUD_API = "leadflow.cloudapi.requests";
    static final String RATE_LIMIT_WAITS = "leadflow.ratelimit.waits";
    static final String LEAD_LOCK_WAITS = "leadflow.lead.lock.waits";

    private final ObjectProvider<MeterRegistry> registry;

    BoundaryInstrumentation(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry;
        ComposablePointcut pointcut = new ComposablePointcut(classFilter(OutboundChannel.class), methods("send"))
                .union(new ComposablePointcut(classFilter(Coordination.class),
                        methods("tryTakeChannelToken", "tryTakeRecipientToken", "takeChannelTurn", "withLeadLock")));
        this.advisor = new DefaultPointcutAdvisor(pointcut, (MethodInterceptor) this::measure);
        setBeforeExistingAdvisors(true);
        // a subclass proxy, so a bean stays an instance of its own class for whoever checks it
        // (AopProxyUtils.getSingletonTarget still gives the bean itself)
        setProxyTargetClass(true);
    }

    private Object measure(MethodInvocation invocation) throws Throwable {
        Object target = invocation.getThis();
        String method = invocation.getMethod().getName();
        if (target instanceof OutboundChannel && method.equals("send")) {
            return timeSend(invocation);
        }
        if (target instanceof Coordination) {
            switch (method) {
                case "tryTakeChannelToken" -> {
                    return recordWait(invocation, "channel");
                }
                case "tryTakeRecipientToken" -> {
                    return recordWait(invocation, "recipient");
                }
                case "takeChannelTurn" -> {
                    return recordWait(invocation, "channel_turn");
                }
                default -> {
                    // withLeadLock below
                }
            }
        }
        if (target instanceof Coordination && method.equals("withLeadLock")) {
            return timeLeadLock(invocation);
        }
        return invocation.proceed();
    }

    private Object timeSend(MethodInvocation invocation) throws Throwable {
        String channelId = invocation.getArguments()[0] instanceof OutboundMessage message
                ? message.channelId() : "unknown";
        long start = System.nanoTime();
        try {
            Object receipt = invocation.proceed();
            cloudApiTimer(channelId, "accepted", null).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return receipt;
        } catch (SendFailedException e) {
            cloudApiTimer(channelId, e.kind().name().toLowerCase(Locale.ROOT), e.errorCode())
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            throw e;
        } catch (RuntimeException e) {
            cloudApiTimer(channelId, "error", null).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            throw e;
        }
    }

    /** The wait a limit answered (an Optional of one when the send may not go now, or a channel's turn). */
    private Object recordWait(MethodInvocation invocation, String limit) throws Throwable {
        Object result = invocation.proceed();
        Object wait = result instanceof Optional<?> optional ? optional.orElse(null)
                : result instanceof Coordination.ChannelTurn turn ? turn.delay() : null;
        if (wait instanceof Duration duration && !duration.isZero()) {
            Timer.builder(RATE_LIMIT_WAITS)
                    .description("Waits a rate limit asked of a send")
                    .tag("channel", String.valueOf(invocation.getArguments()[0]))
                    .tag("limit", limit)
                    .register(registry.getObject())
                    .record(duration);
        }
        return result;
    }

    private Object timeLeadLock(MethodInvocation invocation) throws Throwable {
        Object[] arguments = invocation.getArguments();
        if (!(arguments[2] instanceof Supplier<?> action)) {
            return invocation.proceed();
        }
        long start = System.nanoTime();
        AtomicBoolean acquired = new AtomicBoolean();
        arguments[2] = (Supplier<Object>) () -> {
            acquired.set(true);
            leadLockTimer("acquired").record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return action.get();
        };
        Object result = invocation.proceed();
        if (!acquired.get()) {
            leadLockTimer("timeout").record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
        return result;
    }

    private Timer cloudApiTimer(String channelId, String outcome, Integer errorCode) {
        return Timer.builder(CLOUD_API)
                .description("Cloud API send requests")
                .tag("channel", channelId)
                .tag("outcome", outcome)
                .tag("error_code", errorCode == null ? "none" : errorCode.toString())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry.getObject());
    }

    private Timer leadLockTimer(String outcome) {
        return Timer.builder(LEAD_LOCK_WAITS)
                .description("Time to get a lead's send lock")
                .tag("outcome", outcome)
                .register(registry.getObject());
    }

    private static ClassFilter classFilter(Class<?> type) {
        return new RootClassFilter(type);
    }

    private static NameMatchMethodPointcut methods(String... names) {
        NameMatchMethodPointcut pointcut = new NameMatchMethodPointcut();
        pointcut.setMappedNames(names);
        return pointcut;
    }
}
