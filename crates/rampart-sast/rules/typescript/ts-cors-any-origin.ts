import { Controller, Get, Header } from "@nestjs/common";
import { NestFactory } from "@nestjs/core";
import { AppModule } from "./app.module";

export async function open() {
  // ruleid: ts-cors-any-origin
  const app = await NestFactory.create(AppModule, { cors: true, bufferLogs: true });
  await app.listen(3000);
}

export async function permissive() {
  const app = await NestFactory.create(AppModule);
  // ruleid: ts-cors-any-origin
  app.enableCors();
  await app.listen(3000);
}

export async function restricted() {
  const app = await NestFactory.create(AppModule);
  // ok: ts-cors-any-origin
  app.enableCors({ origin: ["https://app.example.com"], credentials: true });
  await app.listen(3000);
}

@Controller("feed")
// ruleid: ts-cors-any-origin
export class FeedController {
  @Get()
  @Header("Access-Control-Allow-Origin", "*")
  list(): string[] {
    return [];
  }
}

@Controller("admin")
// ok: ts-cors-any-origin
export class AdminController {
  @Get()
  @Header("Cache-Control", "no-store")
  list(): string[] {
    return [];
  }
}
