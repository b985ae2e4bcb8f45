import type { Provider } from '@nestjs/common';
import { PortfolioRevaluer } from './portfolio-revaluer.js';
import { PriceFeed } from './price-feed.js';
import { UpdateTasks } from './update-tasks.js';

/**
 * What runs the updates, shared by the server (in-process scheduler) and the worker process
 * (BullMQ): the tasks and what they need. Needs the stocks module (scoring runner, market data),
 * the live quotes module and a `Broadcaster`.
 */
export const UPDATE_PROVIDERS: Provider[] = [PriceFeed, PortfolioRevaluer, UpdateTasks];
