package dev.leadflow.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Counts what a node asks its database, by statement kind ({@code insert act_hi_actinst},
 * {@code select act_ru_execution}, ...): every execution (a batched row counts once), the rows inserted, the
 * round trips and the commits. pg_stat_statements would need {@code shared_preload_libraries} on the server; this counts at the
 * node's own data source instead, so it works on any PostgreSQL and counts only that node's work.
 */
final class StatementCounter implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Pattern KIND = Pattern.compile(
            "^\\s*(?:(insert)\\s+into|(update)|(delete)\\s+from|(select)\\b.*?\\bfrom)\\s+([a-z_0-9.]+)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    // job acquisition and the engine's idle polling run per second, not per message
    private static final Pattern POLLING = Pattern.compile(
            "(?is)^\\s*select.*from\\s+act_ru_job\\s.*(duedate_|lock_exp_time_).*");

    private final Map<String, LongAdder> executions = new ConcurrentHashMap<>();
    private final LongAdder rowsInserted = new LongAdder();
    private final LongAdder roundTrips = new LongAdder();
    private final LongAdder commits = new LongAdder();
    private final LongAdder polling = new LongAdder();
    private volatile boolean counting;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource ? counting(dataSource) : bean;
            }
        });
    }

    void start() {
        executions.clear();
        rowsInserted.reset();
        roundTrips.reset();
        commits.reset();
        polling.reset();
        counting = true;
    }

    /** What was counted since {@link #start()}. */
    Counts stop() {
        counting = false;
        Map<String, Long> byKind = new TreeMap<>();
        executions.forEach((kind, count) -> byKind.put(kind, count.sum()));
        return new Counts(byKind, rowsInserted.sum(), roundTrips.sum(), commits.sum(), polling.sum());
    }

    /** Statements counted so far (to tell when the node has gone quiet). */
    long peekTotal() {
        return executions.values().stream().mapToLong(LongAdder::sum).sum();
    }

    record Counts(Map<String, Long> byKind, long rowsInserted, long roundTrips, long commits, long pollingStatements) {

        long total() {
            return byKind.values().stream().mapToLong(Long::longValue).sum();
        }

        long of(String kind) {
            return byKind.getOrDefault(kind, 0L);
        }
    }

    static String kind(String sql) {
        Matcher matcher = KIND.matcher(sql);
        if (!matcher.find()) {
            String first = sql.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            return first.isEmpty() ? "other" : first;
        }
        for (int verb = 1; verb <= 4; verb++) {
            if (matcher.group(verb) != null) {
                return matcher.group(verb).toLowerCase(Locale.ROOT) + " " + matcher.group(5).toLowerCase(Locale.ROOT);
            }
        }
        throw new IllegalStateException(sql);
    }

    /**
     * @param rows what an update said it changed, else null: an {@code insert ... select} may insert none (or
     *             several), the engine's inserts (batched, or run by {@code execute}) one each
     */
    private void executed(String sql, boolean roundTrip, Object rows) {
        if (!counting || sql == null) {
            return;
        }
        if (POLLING.matcher(sql).matches()) {
            polling.increment();
            return;
        }
        String kind = kind(sql);
        executions.computeIfAbsent(kind, k -> new LongAdder()).increment();
        if (kind.startsWith("insert ")) {
            rowsInserted.add(rows instanceof Number count ? count.longValue() : 1);
        }
        if (roundTrip) {
            roundTrips.increment();
        }
    }

    private DataSource counting(DataSource target) {
        return proxy(DataSource.class, target, (method, args, result) ->
                result instanceof Connection connection ? connection(connection) : result);
    }

    private Connection connection(Connection target) {
        return proxy(Connection.class, target, (method, args, result) -> {
            switch (method.getName()) {
                case "prepareStatement", "prepareCall" -> {
                    return statement(PreparedStatement.class, (Statement) result, (String) args[0]);
                }
                case "createStatement" -> {
                    return statement(Statement.class, (Statement) result, null);
                }
                case "commit" -> {
                    if (counting) {
                        commits.increment();
                    }
                }
                default -> {
                }
            }
            return result;
        });
    }

    private <S extends Statement> S statement(Class<S> type, Statement target, String preparedSql) {
        return proxy(type, type.cast(target), (method, args, result) -> {
            String name = method.getName();
            if (name.equals("addBatch")) {
                executed(preparedSql != null ? preparedSql : (String) args[0], false, null);
            } else if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
                if (counting) {
                    roundTrips.increment();
                }
            } else if (name.startsWith("execute")) {
                boolean counted = name.equals("executeUpdate") || name.equals("executeLargeUpdate");
                executed(preparedSql != null ? preparedSql : (String) args[0], true, counted ? result : null);
            }
            return result;
        });
    }

    @FunctionalInterface
    private interface AfterCall {
        Object apply(Method method, Object[] args, Object result) throws Exception;
    }

    private static <T> T proxy(Class<T> type, T target, AfterCall after) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return after.apply(method, args, result);
        };
        return type.cast(Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }
}
