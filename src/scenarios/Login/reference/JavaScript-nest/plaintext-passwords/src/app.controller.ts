import { Body, Controller, HttpCode, HttpException, Inject, Post } from '@nestjs/common';
import { AppService } from './app.service';

@Controller()
export class AppController {
  constructor(@Inject(AppService) private readonly service: AppService) {}

  @Post('register')
  @HttpCode(201)
  async register(@Body() body: Record<string, unknown>) {
    const id = await this.service.register(body?.email, body?.password, body?.name);
    if (!id) throw new HttpException({ message: 'Email already in use or invalid data' }, 400);
    return { message: 'Registration successful', userId: id };
  }

  @Post('login')
  @HttpCode(200)
  async login(@Body() body: Record<string, unknown>) {
    const token = await this.service.login(body?.email, body?.password);
    if (!token) throw new HttpException({ message: 'Invalid email or password' }, 401);
    return { token, message: 'Login successful' };
  }
}
