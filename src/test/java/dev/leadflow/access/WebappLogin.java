package dev.leadflow.access;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Logs in to one of Camunda's webapps as its login page does (cookie, CSRF token, form post). */
final class WebappLogin {

    private WebappLogin() {
    }

    /** 200 when the user may use the app, 403 when the app refuses them, 401 for a wrong password. */
    static int status(String baseUrl, String app, String user, String password)
            throws IOException, InterruptedException {
        CookieManager cookies = new CookieManager();
        HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
        client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/camunda/app/" + app + "/default/")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        String csrf = cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst()
                .orElseThrow(() -> new IllegalStateException("Camunda set no XSRF-TOKEN cookie"));
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(baseUrl
                        + "/camunda/api/admin/auth/user/default/login/" + app))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofString("username=" + encode(user) + "&password=" + encode(password)))
                .build(), HttpResponse.BodyHandlers.ofString());
        return login.statusCode();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
