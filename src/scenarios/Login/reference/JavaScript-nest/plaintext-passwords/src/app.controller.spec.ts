import { AppController } from './app.controller';
import { AppService } from './app.service';

describe('AppController', () => {
  it('is defined', () => {
    expect(new AppController(new AppService())).toBeDefined();
  });
});
