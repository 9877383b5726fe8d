package dev.leadflow.flow;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.beans.factory.BeanFactory;

/**
 * The beans a flow's expressions may name, and the only ones they resolve: the send step, the send-failure
 * form, the meeting-time helpers and the other delegates the flows use. Nothing else of the application (its
 * settings, data source or services) is reachable from a BPMN file. To let flows use another bean, add its
 * name here (and keep it free of getters that hand out services or settings).
 */
final class FlowBeans extends AbstractMap<Object, Object> {

    static final SortedSet<String> ALLOWED = new TreeSet<>(Set.of(
            "sendMessage",
            "sendFailureTask",
            "meetingTime",
            "escalateTask",
            "dispatchRewarming",
            "markRewarmingCandidate"));

    private final BeanFactory beans;

    FlowBeans(BeanFactory beans) {
        this.beans = beans;
    }

    /** Fails the start when a listed bean is missing, so the list cannot silently go stale. */
    void checkAllExist() {
        for (String name : ALLOWED) {
            if (!beans.containsBean(name)) {
                throw new IllegalStateException("Flow bean '" + name + "' is listed in FlowBeans but does not exist");
            }
        }
    }

    @Override
    public boolean containsKey(Object name) {
        return ALLOWED.contains(name);
    }

    /** Looked up when an expression is evaluated, so the engine can be built before the delegates. */
    @Override
    public Object get(Object name) {
        return ALLOWED.contains(name) ? beans.getBean((String) name) : null;
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
        return ALLOWED.stream().map(name -> Map.entry((Object) name, get(name))).collect(Collectors.toSet());
    }
}
