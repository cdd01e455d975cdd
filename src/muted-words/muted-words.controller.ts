import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser } from '../auth/auth.decorators';
import { ApiProblems } from '../infra/http/api-problems';
import { EmptyQuery } from '../infra/http/empty-query';
import type { User } from '../users/user.entity';
import { CreateMutedWordDto, MutedWordListResponse, MutedWordResponse } from './dto/muted-word.dto';
import { MutedWordsService } from './muted-words.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('v1/me/muted-words')
export class MutedWordsController {
  constructor(private readonly words: MutedWordsService) {}

  @Get()
  @ApiOkResponse({ type: MutedWordListResponse })
  async list(@CurrentUser() user: User, @Query() _query: EmptyQuery): Promise<MutedWordListResponse> {
    return { items: await this.words.list(user.id) };
  }

  @Post()
  @ApiCreatedResponse({ type: MutedWordResponse, description: 'A new muted word (200 when the phrase was already muted)' })
  @ApiProblems([409, 'MUTED_WORD_LIMIT', 'already muting 200 words'])
  async mute(
    @CurrentUser() user: User,
    @Body() body: CreateMutedWordDto,
    @Query() _query: EmptyQuery,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { word, created } = await this.words.mute(user.id, body.phrase, body.expiresAt);
    // Sent by hand: the status depends on the outcome (Nest overwrites a status set on a passthrough reply).
    await reply.status(created ? 201 : 200).send(word);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiProblems([404, 'MUTED_WORD_NOT_FOUND'])
  unmute(@CurrentUser() user: User, @Param('id') id: string, @Query() _query: EmptyQuery): Promise<void> {
    return this.words.unmute(user.id, id);
  }
}
