package dev.leadflow.support;

import java.util.List;

import dev.leadflow.whatsapp.sandbox.SandboxChaos;
import dev.leadflow.whatsapp.sandbox.SandboxFault;
import dev.leadflow.whatsapp.sandbox.SandboxMailbox;
import dev.leadflow.whatsapp.sandbox.SandboxMessage;

/** The sandbox as the tests' Cloud API fake: what reached it, and faults to inject. */
public final class CloudApiFake {

    private final SandboxMailbox mailbox;

    public CloudApiFake(SandboxMailbox mailbox) {
        this.mailbox = mailbox;
    }

    /** Every send request the fake accepted for this number, oldest first. */
    public List<SandboxMessage> received(String phone) {
        return mailbox.outboundTo(phone);
    }

    /** How many send requests for this number reached the fake, refused ones included. */
    public long requests(String phone) {
        return mailbox.requestsTo(phone);
    }

    public List<String> templatesSentTo(String phone) {
        return received(phone).stream().map(SandboxMessage::templateName).toList();
    }

    /** The Cloud API answers normally again. */
    public void recover() {
        mailbox.clearFaults();
    }

    public void failNextSends(int code, int count) {
        mailbox.injectFault(new SandboxFault(code, false, count));
    }

    /** How the fake reports statuses from now on (for the setting's phone, or all): late, reordered, silent... */
    public void reportStatuses(SandboxChaos chaos) {
        mailbox.setChaos(chaos);
    }

    /** The next send is accepted, but its answer comes after the client gave up waiting. */
    public void timeOutNextSend() {
        mailbox.injectFault(new SandboxFault(null, true, 1));
    }

    /** The next send is accepted, its answer comes too late, and no status webhook ever follows. */
    public void timeOutNextSendWithoutStatus() {
        mailbox.injectFault(new SandboxFault(null, true, 1, true));
    }
}
