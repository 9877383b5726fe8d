package dev.leadflow.flow;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.BeanFactory;

/**
 * Refuses a BPMN file, at start-up and at every deployment (Modeler's Deploy included), that could reach
 * beyond what flows need: an expression naming an application bean not listed in {@link FlowBeans}, one that
 * climbs from the execution to the engine or to Java reflection, a Java class to instantiate, or a script.
 * The message names the element and says what is allowed, for the analyst who deployed it.
 */
final class FlowExpressionCheck extends AbstractBpmnParseListener {

    private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
    private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{(.*?)}", Pattern.DOTALL);
    private static final Pattern STRING_LITERAL = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");
    /** A name not after a dot, not a function call ({@code now()}, {@code prefix:fn()}). */
    private static final Pattern TOP_LEVEL_NAME =
            Pattern.compile("(?<![\\w$.])([A-Za-z_$][\\w$]*)(?![\\w$])(?!\\s*\\()(?!:[A-Za-z_])");
    private static final Pattern MEMBER = Pattern.compile("\\.\\s*([A-Za-z_$][\\w$]*)");
    /** What leads from a flow's objects to the engine, the application or Java itself. */
    private static final Set<String> FORBIDDEN_MEMBERS = Set.of("class", "getClass", "forName", "classLoader",
            "getClassLoader", "processEngine", "getProcessEngine", "processEngineServices", "getProcessEngineServices",
            "processEngineConfiguration", "getProcessEngineConfiguration", "applicationContext",
            "getApplicationContext", "beanFactory", "getBeanFactory", "environment", "getEnvironment", "getMethod",
            "getDeclaredMethod", "invoke", "newInstance", "getRuntime", "exec", "getenv", "getProperty",
            "getProperties", "modelInstance", "getBpmnModelInstance", "bpmnModelInstance");
    /** Elements whose text is never evaluated. */
    private static final Set<String> NOT_EVALUATED = Set.of("documentation", "text", "string", "BPMNDiagram");
    private static final Set<String> EL_WORDS = Set.of("true", "false", "null", "empty", "not", "and", "or", "eq",
            "ne", "lt", "gt", "le", "ge", "div", "mod", "instanceof");

    private final BeanFactory beans;

    FlowExpressionCheck(BeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public void parseRootElement(Element rootElement, List<ProcessDefinitionEntity> processDefinitions) {
        check(rootElement, rootElement);
    }

    private void check(Element element, Element owner) {
        if (NOT_EVALUATED.contains(element.getTagName())) {
            return;
        }
        Element described = element.attribute("id") != null ? element : owner;
        if (element.getTagName().equals("scriptTask") || element.getTagName().equals("script")) {
            refuse(described, "runs a script, which flows may not do; use a service task bound to one of: "
                    + FlowBeans.ALLOWED);
        }
        for (String key : element.attributes()) {
            String value = element.attribute(key);
            if (key.startsWith(CAMUNDA_NS) && key.endsWith(":class")) {
                refuse(described, "names the Java class " + value + ", which flows may not use; use a delegate "
                        + "expression naming one of: " + FlowBeans.ALLOWED);
            }
            if (key.equals("language") && isCondition(element)) {
                refuse(described, "has a " + value + " script as condition, which flows may not use; use an "
                        + "expression such as ${...}");
            }
            checkExpressions(described, value);
        }
        checkExpressions(described, element.getText());
        for (Element child : element.elements()) {
            check(child, described);
        }
    }

    private static boolean isCondition(Element element) {
        return element.getTagName().equals("conditionExpression") || element.getTagName().equals("condition");
    }

    private void checkExpressions(Element described, String text) {
        if (text == null || !(text.contains("${") || text.contains("#{"))) {
            return;
        }
        Matcher expressions = EXPRESSION.matcher(text);
        while (expressions.find()) {
            String expression = expressions.group(0);
            String body = expressions.group(1);
            String code = STRING_LITERAL.matcher(body).replaceAll("''");
            Matcher names = TOP_LEVEL_NAME.matcher(code);
            while (names.find()) {
                String name = names.group(1);
                boolean applicationBean = !FlowBeans.ALLOWED.contains(name) && !EL_WORDS.contains(name)
                        && beans.containsBean(name);
                if (applicationBean || FORBIDDEN_MEMBERS.contains(name)) {
                    refuse(described, "uses " + expression + ", which flows may not use ('" + name
                            + "' is part of the application, not of the flow); allowed: execution, task, the flow's "
                            + "variables and " + String.join(", ", FlowBeans.ALLOWED));
                }
            }
            Matcher strings = STRING_LITERAL.matcher(body);
            while (strings.find()) {
                String literal = strings.group().substring(1, strings.group().length() - 1);
                if (FORBIDDEN_MEMBERS.contains(literal)) {
                    refuse(described, forbiddenMember(expression, literal));
                }
            }
            Matcher members = MEMBER.matcher(code);
            while (members.find()) {
                if (FORBIDDEN_MEMBERS.contains(members.group(1))) {
                    refuse(described, forbiddenMember(expression, members.group(1)));
                }
            }
        }
    }

    private static String forbiddenMember(String expression, String member) {
        return "uses " + expression + ", which flows may not use ('" + member + "' reaches the engine or Java "
                + "itself); allowed: execution, task, the flow's variables and " + String.join(", ", FlowBeans.ALLOWED);
    }

    private static void refuse(Element element, String problem) {
        throw new BpmnParseException(describe(element) + " " + problem, element);
    }

    /** "Service task 'Send welcome' (SendWelcome)", as an analyst sees the element in Modeler. */
    static String describe(Element element) {
        String tag = element.getTagName();
        String kind = tag.isEmpty() ? "Element"
                : Character.toUpperCase(tag.charAt(0)) + tag.substring(1).replaceAll("([A-Z])", " $1")
                        .toLowerCase(Locale.ROOT);
        String id = element.attribute("id");
        String name = element.attribute("name");
        if (name != null && !name.isBlank()) {
            return kind + " '" + name.replaceAll("\\s+", " ").trim() + "' (" + id + ")";
        }
        return id == null ? kind : kind + " '" + id + "'";
    }
}
