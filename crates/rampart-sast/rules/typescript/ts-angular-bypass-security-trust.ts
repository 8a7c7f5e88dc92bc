import { Component } from "@angular/core";
import { DomSanitizer, SafeHtml } from "@angular/platform-browser";

@Component({ selector: "app-comment", template: "<div [innerHTML]=\"html\"></div>" })
export class CommentComponent {
  html: SafeHtml;
  constructor(private sanitizer: DomSanitizer) {}

  show(body: string) {
    // ruleid: ts-angular-bypass-security-trust
    this.html = this.sanitizer.bypassSecurityTrustHtml(body);
    // ok: ts-angular-bypass-security-trust
    this.html = this.sanitizer.bypassSecurityTrustHtml("<b>static</b>");
  }
}
