package dev.leadflow.whatsapp;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the webhook sweeper ({@link WebhookIngestion#sweepOnSchedule()}). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class InboundConfiguration {
}
