// Login — secure reference (NestJS): parameterised SQL, bcrypt-hashed passwords, per-user JWTs.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
  await app.listen(5000, '0.0.0.0');
}
bootstrap();
