package dev.steward.api.inbox;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the approver inbox, a static page under {@code static/inbox/}, at {@code /inbox/}: the
 * page needs no sign-in of its own, since every API call it makes carries the approver's key or
 * token.
 */
@Configuration(proxyBeanMethods = false)
class InboxPage implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    // Relative URLs in the page (inbox.js) resolve against /inbox/, so the slash matters.
    registry.addRedirectViewController("/inbox", "/inbox/");
    registry.addViewController("/inbox/").setViewName("forward:/inbox/index.html");
  }
}
