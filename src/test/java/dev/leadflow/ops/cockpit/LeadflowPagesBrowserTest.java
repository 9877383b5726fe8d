package dev.leadflow.ops.cockpit;

import java.time.Duration;

import dev.leadflow.support.Engine;

import dev.leadflow.messaging.SendCommand;

import dev.leadflow.messaging.MessagingService;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.TestLeads;

/**
 * What ops see, in a real browser at 1366x768: the Leadflow page reachable to its last row, each row's actions
 * answered beside their buttons (once, however often clicked), a confirmed cancel, the lead's timeline by name,
 * and the sandbox's conversation as the lead reads it. Each test also takes the screenshot of its page that
 * docs/operations.md shows (-Dleadflow.docs.screenshots=true writes them to docs/images/).
 */
class LeadflowPagesBrowserTest extends LeadflowIntegrationTest {

    private static CockpitBrowser browser;

    @Autowired
    private MessagingService messaging;

    @LocalServerPort
    private int port;

    private final String leadId = TestLeads.newLeadId();
    private final String phone = TestLeads.newPhone();

    @BeforeEach
    void openTheBrowser() {
        if (browser == null) {
            browser = CockpitBrowser.start(port);
        }
        browser.size(1366, 768);
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    /** Every table, the last stuck lead and the held section can be scrolled to on a 1366x768 screen. */
    @Test
    void theLeadflowPageScrollsToItsLastRow() {
        stuckLead(leadId, phone);

        browser.cockpit("#/leadflow");
        browser.waitFor(By.cssSelector("[data-leadflow-chart='funnel'] svg path"));
        browser.waitFor(By.cssSelector("tr[data-lead='" + leadId + "']"));
        browser.screenshot("leadflow-page");

        Map<?, ?> page = (Map<?, ?>) browser.script("""
                const page = document.querySelector('.leadflow-page');
                const frame = page.getBoundingClientRect();
                return {overflow: getComputedStyle(page).overflowY, bottom: frame.bottom, window: innerHeight,
                        scrolls: page.scrollHeight > page.clientHeight};""");
        assertThat(page.get("overflow")).isIn("auto", "scroll");
        assertThat(((Number) page.get("bottom")).doubleValue()).isLessThanOrEqualTo(((Number) page.get("window")).doubleValue());
        assertThat(page.get("scrolls")).isEqualTo(true);
        for (String target : List.of("[data-leadflow-table='flows']", "[data-leadflow-table='templates']",
                "[data-leadflow='stuck-leads'] tbody tr:last-child", "[data-leadflow='held']")) {
            assertThat(reachableByScrolling(target)).as(target).isTrue();
        }
        browser.script("document.querySelector(\"[data-leadflow='stuck-leads']\").scrollIntoView();");
        browser.screenshot("leadflow-stuck-leads");
        WebElement menu = browser.waitFor(By.cssSelector("a[data-leadflow='menu']"));
        assertThat(menu.getDomAttribute("href")).isEqualTo("#/leadflow");
        assertThat(browser.waitFor(By.cssSelector("[data-leadflow='as-of']")).getText()).startsWith("As of 20");
        assertThat(browser.waitFor(By.cssSelector("[data-leadflow='failed-means']")).getText()).startsWith("Failed: ");
    }

    /**
     * A double click asks once; the answer shows beside the button, which gives way to it; the same request
     * again (another tab, a script) changes nothing twice. Only the actions that apply are offered.
     */
    @Test
    void eachRowActionIsDoneOnceAndAnsweredBesideItsButton() {
        stuckLead(leadId, phone);
        String instance = welcomeOf(leadId);

        browser.cockpit("#/leadflow");
        WebElement taskRow = row("TASK");
        assertThat(buttons(taskRow)).containsExactly("Pause lead", "Cancel flow");
        countPosts();

        doubleClick(taskRow, "leadflow-pause");
        assertThat(answerIn(taskRow)).startsWith("Done: demo paused 1 flow(s)");
        assertThat(posts()).isEqualTo(1);
        assertThat(buttons(taskRow)).isEmpty();
        assertThat(history.createUserOperationLogQuery().operationType("Suspend").processInstanceId(instance).count())
                .isEqualTo(1);
        assertThat(postAgain("leads/" + leadId + "/pause")).containsAnyOf("has no running flow to pause", "paused");
        assertThat(history.createUserOperationLogQuery().operationType("Suspend").processInstanceId(instance).count())
                .isEqualTo(1);

        browser.cockpit("#/leadflow");
        WebElement pausedRow = row("PAUSED");
        assertThat(buttons(pausedRow)).containsExactly("Resume lead", "Cancel flow");
        countPosts();
        doubleClick(pausedRow, "leadflow-resume");
        assertThat(answerIn(pausedRow)).startsWith("Done: demo resumed 1 flow(s)");
        assertThat(posts()).isEqualTo(1);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).active().count()).isOne();
    }

    /**
     * A wait longer than 7 days offers Send now and Skip step: each done once on a double click, answered beside
     * its buttons; a second Send now finds nothing waiting, and the follow-up goes out once.
     */
    @Test
    void aLongWaitIsEndedOnceBySendNowOrSkip() {
        String skipping = TestLeads.newLeadId();
        welcomed(leadId, phone);
        welcomed(skipping, TestLeads.newPhone());
        String followUp = followUpOf(leadId);
        // 09:00 in São Paulo the next morning: waiting 21 hours, the day's wait has 3 hours to go
        dev.leadflow.support.Engine.setNow(TEST_START.plus(java.time.Duration.ofHours(21)));

        browser.cockpit("#/leadflow");
        browser.script("arguments[0].value = 'PT12H'; arguments[0].dispatchEvent(new Event('change'));",
                browser.waitFor(By.cssSelector("[data-leadflow='waiting-longer-than']")));
        WebElement waiting = row("WAITING_LONG");
        assertThat(buttons(waiting)).containsExactly("Send now", "Skip step", "Pause lead", "Cancel flow");
        countPosts();
        doubleClick(waiting, "leadflow-send-now");
        assertThat(answerIn(waiting)).startsWith("Done: demo made WaitOneDay due now");
        assertThat(posts()).isEqualTo(1);
        assertThat(postAgain("leads/" + leadId + "/flows/" + followUp + "/send-now")).contains("409");
        engine.runDueJobs(leadId);
        assertThat(cloudApi.templatesSentTo(phone)).containsExactly("leadflow_welcome", "leadflow_followup_1");

        WebElement other = browser.waitFor(By.cssSelector("[data-leadflow='stuck-leads'] tr[data-lead='" + skipping
                + "'][data-why='WAITING_LONG']"));
        browser.script("document.querySelector(\"[data-leadflow='stuck-leads'] [data-leadflow='reason']\").value = "
                + "'the lead answered by phone';");
        countPosts();
        doubleClick(other, "leadflow-skip");
        assertThat(answerIn(other)).startsWith("Done: demo skipped");
        assertThat(posts()).isEqualTo(1);
        assertThat(history.createUserOperationLogQuery().operationType("ModifyProcessInstance")
                .processInstanceId(followUpOf(skipping)).count()).isEqualTo(1);
    }

    /** The Messages tab's Re-send: one request on a double click, the answer in the row, the button gone. */
    @Test
    void aFailedMessageIsReSentOnceFromTheMessagesTab() {
        stuckLead(leadId, phone);
        browser.cockpit("#/process-instance/" + welcomeOf(leadId) + "/runtime");
        browser.click(browser.waitFor(By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space()='Messages']")));
        WebElement failed = browser.waitFor(By.cssSelector("[data-leadflow='messages'] tr[data-status='REJECTED']"));
        countPosts();

        doubleClick(failed, "leadflow-resend");

        assertThat(answerIn(failed)).startsWith("Done: demo SENT");
        assertThat(posts()).isEqualTo(1);
        assertThat(buttons(failed)).isEmpty();
        assertThat(cloudApi.requests(phone)).isEqualTo(2);
        assertThat(cloudApi.templatesSentTo(phone)).containsExactly("leadflow_welcome");
    }

    /** An experiment on the page: a chart of its variants, its verdict, and its winner promoted once. */
    @Test
    void anExperimentIsAChartAndItsWinnerIsPromotedOnce() {
        for (int i = 0; i < 6; i++) {
            String lead = TestLeads.newLeadId();
            putLead(lead, TestLeads.leadJsonIn(TestLeads.newPhone(), "America/Sao_Paulo"));
            messaging.send(new SendCommand(lead, "test", "page-step", "test.page", null, Map.of()));
        }

        browser.cockpit("#/leadflow");
        WebElement experiment = browser.waitFor(By.cssSelector("[data-experiment='test-page']"));
        browser.waitFor(By.cssSelector("[data-leadflow-chart='experiment-test-page'] svg path"));
        assertThat(browser.waitFor(By.cssSelector("[data-leadflow-chart='experiment-test-page']"))
                .getDomAttribute("data-points")).isEqualTo("2");
        assertThat(experiment.findElement(By.cssSelector("[data-leadflow='verdict']")).getText())
                .startsWith("Collecting");
        assertThat(reachableByScrolling("[data-experiment='test-page'] tbody tr:last-child")).isTrue();
        browser.screenshot("leadflow-experiments");

        WebElement variantB = experiment.findElement(By.cssSelector("tr[data-variant='B']"));
        browser.script("window.confirm = () => true;");
        countPosts();
        doubleClick(variantB, "leadflow-promote");

        assertThat(answerIn(variantB)).startsWith("Done: demo promoted variant B");
        assertThat(posts()).isEqualTo(1);
        assertThat(api().getForObject("/api/experiments/test-page", String.class)).contains("\"winner\":\"B\"");
    }

    /** Cancel asks first: kept when the operator says no, done once when yes, and a second request finds it done. */
    @Test
    void cancellingAFlowAsksForConfirmation() {
        stuckLead(leadId, phone);
        String instance = welcomeOf(leadId);
        browser.cockpit("#/leadflow");
        WebElement taskRow = row("TASK");

        browser.script("window.confirm = () => false;");
        browser.click(taskRow.findElement(By.cssSelector("button.leadflow-cancel")));
        assertThat(answerIn(taskRow)).isEqualTo("Not done: you kept it.");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isOne();

        countPosts();
        browser.script("window.confirmed = []; window.confirm = question => { confirmed.push(question); return true; };");
        doubleClick(taskRow, "leadflow-cancel");
        assertThat(answerIn(taskRow)).startsWith("Done: demo cancelled by operator demo");
        assertThat(posts()).isEqualTo(1);
        assertThat(browser.script("return window.confirmed[0];").toString()).contains("Cancel the Welcome flow of Ana");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();

        assertThat(postAgain("leads/" + leadId + "/flows/" + instance + "/cancel")).isNotBlank();
        assertThat(history.createUserOperationLogQuery().operationType("Delete").processInstanceId(instance).count())
                .isEqualTo(1);
    }

    /** From the instance's Messages tab to the lead's story: by name, in the lead's own time zone. */
    @Test
    void theTimelineTellsTheLeadsStoryByName() {
        putLead(leadId, """
                {"phone":"%s","name":"Beatriz Nogueira","locale":"pt-BR","timezone":"America/Sao_Paulo",
                 "status":"New","consent":{"whatsapp":true},"owner":"maria"}""".formatted(phone));
        engine.runDueJobs(leadId);
        String instance = welcomeOf(leadId);

        browser.cockpit("#/process-instance/" + instance + "/runtime");
        browser.click(browser.waitFor(By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space()='Messages']")));
        browser.waitFor(By.cssSelector("[data-leadflow='messages'] table tbody tr"));
        browser.screenshot("messages-tab");
        assertThat(browser.waitFor(By.cssSelector("a[data-leadflow='instance-timeline']")).getDomAttribute("href"))
                .isEqualTo("#/leadflow/timeline?lead=" + leadId);
        browser.click(browser.waitFor(By.cssSelector("[data-leadflow='messages'] a[data-leadflow-timeline-link]")));

        WebElement name = browser.waitFor(By.cssSelector("[data-leadflow='timeline-lead']"));
        assertThat(name.getText()).isEqualTo("Beatriz Nogueira");
        browser.waitFor(By.cssSelector(".leadflow-timeline tr[data-kind='MESSAGE_SENT']"));
        String story = browser.waitFor(By.cssSelector(".leadflow-timeline")).getText();
        assertThat(story).contains("When (America/Sao_Paulo)", "Flow started: Welcome", "Message sent: Send welcome",
                "2026-03-04 12:00");
        browser.screenshot("timeline");
    }

    /** The sandbox shows the text the lead reads, the buttons' labels and the ticks; its faults can be cleared. */
    @Test
    void theSandboxShowsWhatTheLeadReads() {
        putLead(leadId, TestLeads.leadJson(phone, true));
        engine.runDueJobs(leadId);
        postEvent(leadId, """
                {"eventId":"evt-%s","type":"MEETING_BOOKED","occurredAt":"2026-03-04T15:00:00Z",
                 "meeting":{"id":"mtg-%s","startsAt":"2026-03-10T15:00:00Z","timezone":"America/Sao_Paulo"}}"""
                .formatted(leadId, leadId));
        engine.runDueJobs(leadId);
        cloudApi.failNextSends(131026, 2);
        try {
            browser.openWithBasicAuth("/sandbox");
            browser.click(browser.waitFor(By.cssSelector("nav button[data-phone='" + phone + "']")));
            WebElement bubble = browser.waitFor(By.cssSelector("#chat .bubble.OUTBOUND .text"));
            assertThat(bubble.getText()).startsWith("Olá Ana! Obrigado pelo seu interesse.");
            assertThat(browser.waitFor(By.cssSelector("#chat .bubble.OUTBOUND .quick")).getText())
                    .contains("Estarei lá", "Remarcar");
            await().atMost(CockpitBrowser.PATIENCE).until(() -> "read".equals(browser.waitFor(
                    By.cssSelector("#chat .bubble.OUTBOUND .ticks")).getDomAttribute("data-status")));
            assertThat(browser.waitFor(By.cssSelector("#fault-list")).getText()).contains("error 131026 × 2");
            browser.screenshot("sandbox");

            browser.click(browser.waitFor(By.cssSelector("[data-sandbox='clear-faults']")));
            await().atMost(CockpitBrowser.PATIENCE).until(() -> browser.waitFor(By.cssSelector("#fault-list")).getText()
                    .startsWith("none"));
            assertThat(api().getForObject("/sandbox/api/faults", String.class)).isEqualTo("[]");
        } finally {
            browser.forgetBasicAuth();
        }
    }

    /** A task form in Tasklist links the lead's timeline: the send-failure form of a stuck lead. */
    @Test
    void aTaskFormInTasklist() {
        stuckLead(leadId, phone);
        String task = tasks.createTaskQuery().processInstanceBusinessKey(leadId).singleResult().getId();

        browser.tasklist("#/?task=" + task);
        browser.waitFor(By.cssSelector("[cam-tasklist-task] form, .task-details form"));
        await().atMost(CockpitBrowser.PATIENCE).until(() -> !browser.findAll(By.cssSelector(".fjs-form")).isEmpty()
                || !browser.findAll(By.cssSelector("form[name='variablesForm'] input")).isEmpty());
        assertThat(browser.waitFor(By.cssSelector(".fjs-form a")).getDomAttribute("href"))
                .isEqualTo("/camunda/app/cockpit/default/#/leadflow/timeline?lead=" + leadId);
        browser.screenshot("tasklist-form");
    }

    /** A welcome the Cloud API refused for good (132001): the flow waits for ops in Tasklist. */
    /**
     * A lead whose welcome failed for good, two hours before the tests' "now": the page lists the longest stuck
     * first, so it stands above whatever the tests sharing this application left stuck at "now".
     */
    private void stuckLead(String lead, String number) {
        Engine.setNow(TEST_START.minus(Duration.ofHours(2)));
        putLead(lead, TestLeads.leadJson(number, true));
        cloudApi.failNextSends(132001, 1);
        engine.runDueJobs(lead);
        Engine.setNow(TEST_START);
    }

    /** A lead whose welcome went out: its follow-up waits a day for a reply. */
    private void welcomed(String lead, String number) {
        putLead(lead, TestLeads.leadJson(number, true));
        engine.runDueJobs(lead);
    }

    private String followUpOf(String lead) {
        return runtime.createProcessInstanceQuery().processDefinitionKey("followUp").processInstanceBusinessKey(lead)
                .singleResult().getId();
    }

    private boolean reachableByScrolling(String css) {
        return (Boolean) browser.script("""
                const page = document.querySelector('.leadflow-page');
                const target = document.querySelector(arguments[0]);
                if (!target) { return false; }
                page.scrollTop = 0;
                page.scrollTop = target.getBoundingClientRect().bottom - page.getBoundingClientRect().bottom
                    + page.scrollTop + 8;
                const frame = page.getBoundingClientRect(), box = target.getBoundingClientRect();
                return box.bottom <= frame.bottom && box.bottom > frame.top;""", css);
    }

    private WebElement row(String why) {
        return browser.waitFor(By.cssSelector("[data-leadflow='stuck-leads'] tr[data-lead='" + leadId + "'][data-why='"
                + why + "']"));
    }

    private static List<String> buttons(WebElement row) {
        return row.findElements(By.cssSelector("button")).stream().map(WebElement::getText).toList();
    }

    /** Two clicks in the same moment, as a double click. */
    private void doubleClick(WebElement row, String css) {
        browser.script("const b = arguments[0]; b.click(); b.click();", row.findElement(By.cssSelector("button." + css)));
    }

    private String answerIn(WebElement row) {
        By result = By.cssSelector("[data-leadflow='row-result']");
        await().atMost(CockpitBrowser.PATIENCE).ignoreExceptions().until(() -> {
            String text = row.findElement(result).getText();
            return text.startsWith("Done") || text.startsWith("Not done");
        });
        return row.findElement(result).getText();
    }

    /** Counts the page's POST requests from now on. */
    private void countPosts() {
        browser.script("""
                window.leadflowPosts = 0;
                if (!window.leadflowFetch) {
                  window.leadflowFetch = window.fetch;
                  window.fetch = (url, init) => {
                    if (init && init.method === 'POST') { window.leadflowPosts++; }
                    return window.leadflowFetch(url, init);
                  };
                }""");
    }

    private long posts() {
        return ((Number) browser.script("return window.leadflowPosts;")).longValue();
    }

    /** The same request once more, as another tab would send it: answers what the plugin API said. */
    private String postAgain(String path) {
        return browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                const token = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN=')).substring(11);
                fetch('/camunda/api/cockpit/plugin/leadflow/default/' + arguments[0], {method: 'POST',
                    credentials: 'same-origin', headers: {'Content-Type': 'application/json', 'X-XSRF-TOKEN': token},
                    body: '{}'}).then(r => r.text()).then(done).catch(e => done('failed: ' + e));""", path).toString();
    }

    private String welcomeOf(String lead) {
        return runtime.createProcessInstanceQuery().processDefinitionKey("welcome").processInstanceBusinessKey(lead)
                .singleResult().getId();
    }
}
