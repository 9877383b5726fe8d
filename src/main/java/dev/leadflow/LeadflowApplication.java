package dev.leadflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LeadflowApplication {

    public static void main(String[] args) {
        SpringApplication.run(LeadflowApplication.class, args);
    }
}
